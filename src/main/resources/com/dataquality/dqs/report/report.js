/* dqs report: renders the data of the <script id="dqs-data"> block. Everything from the data is
   put on the page as text (textContent, canvas text), never as HTML. Charts are drawn for the
   overview and for the selected series only; the series table shows one page at a time, so the
   page stays responsive with thousands of series. */
(function () {
  'use strict';

  var DAY = 86400;
  var PAGE = 25;
  var COLORS = {
    actual: '#1f6fb2', forecast: '#e8710a', band: 'rgba(232,113,10,0.16)',
    bound: 'rgba(232,113,10,0.45)', anomaly: '#d62728', featureDrift: 'rgba(142,68,173,0.55)',
    errorDrift: 'rgba(141,85,36,0.6)', version: 'rgba(80,80,80,0.8)', pass: '#4c9a2a'
  };

  var data = JSON.parse(document.getElementById('dqs-data').textContent);
  var app = document.getElementById('app');
  var charts = {};

  // ---------------------------------------------------------------- helpers

  /** An element; children are nodes or strings (which become text nodes). */
  function el(tag, props, children) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v == null) return;
        if (k === 'text') e.textContent = String(v);
        else if (k === 'cls') e.className = v;
        else if (k === 'on') Object.keys(v).forEach(function (ev) { e.addEventListener(ev, v[ev]); });
        else if (k === 'data') Object.keys(v).forEach(function (d) { e.dataset[d] = String(v[d]); });
        else if (k === 'style') e.setAttribute('style', v);
        else e[k] = v;
      });
    }
    (children || []).forEach(function (c) {
      if (c == null) return;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return e;
  }

  function int(n) { return n == null ? '–' : Number(n).toLocaleString('en-US'); }
  function num(x, d) { return x == null || !isFinite(x) ? '–' : Number(x).toFixed(d); }
  function rate(x) { return x == null ? '–' : (x * 100).toFixed(1) + ' %'; }
  function dateOf(day) { return new Date(day * DAY * 1000).toISOString().slice(0, 10); }
  function dayOf(s) {
    if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
    return Math.round(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / (DAY * 1000));
  }
  function shortVersion(v) { return v && v.length > 24 ? v.slice(0, 24) + '…' : v; }
  function lastValue(a) {
    if (!a) return null;
    for (var i = a.length - 1; i >= 0; i--) if (a[i] != null) return a[i];
    return null;
  }
  function countValues(a) {
    var n = 0;
    if (a) for (var i = 0; i < a.length; i++) if (a[i] != null) n++;
    return n;
  }
  function table(headers, rows, opts) {
    opts = opts || {};
    var thead = el('thead', null, [el('tr', null, headers.map(function (h) {
      return el('th', { text: h.label || h, cls: h.num ? 'num' : null });
    }))]);
    var tbody = el('tbody', null, rows);
    return el('table', { cls: opts.cls }, [thead, tbody]);
  }
  function td(v, isNum, cls) { return el('td', { text: v == null ? '–' : v, cls: (isNum ? 'num ' : '') + (cls || '') }); }
  function section(title, children, id) { return el('section', { id: id }, [el('h2', { text: title })].concat(children)); }

  // ---------------------------------------------------------------- the series

  var series = data.series;
  var byKey = {};
  series.forEach(function (s, i) {
    s.key = s.u + '\u0000' + s.r;
    s.i = i;
    s.name = s.n != null ? s.n : s.u;
    s.f1 = s.fr ? s.fr[1] : null;
    s.f0 = s.fr ? s.fr[0] : null;
    s.delta = s.fr ? s.fr[1] - s.fr[2] : null;
    s.execs1m = s.c ? s.c[3] + s.c[4] + s.c[5] : 0;
    s.lastA = lastValue(s.a);
    s.lastP = lastValue(s.p);
    s.nan = s.an ? s.an.length : 0;
    s.hay = [s.name, s.u, s.r, s.rn, s.src, s.t, s.dim, s.cat, (s.aka || []).join(' ')]
      .join(' ').toLowerCase();
    byKey[s.key] = s;
  });
  var versions = data.versions || [];

  // ---------------------------------------------------------------- charts

  function chartWidth(container) {
    return Math.max(320, Math.floor(container.getBoundingClientRect().width || container.clientWidth || 600));
  }

  /** Vertical lines (drift events, version changes) drawn on the chart's canvas. */
  function markersPlugin(marks) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height, left = u.bbox.left, right = left + u.bbox.width;
          var px = window.devicePixelRatio || 1;
          ctx.save();
          marks.forEach(function (m) {
            var x = Math.round(u.valToPos(m.x, 'x', true));
            if (!(x >= left && x <= right)) return;
            ctx.strokeStyle = m.color;
            ctx.lineWidth = (m.width || 1) * px;
            ctx.setLineDash(m.dash ? m.dash.map(function (d) { return d * px; }) : []);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + h);
            ctx.stroke();
            if (m.label) {
              ctx.setLineDash([]);
              ctx.fillStyle = m.color;
              ctx.font = (10 * px) + 'px sans-serif';
              ctx.fillText(m.label, x + 3 * px, top + 11 * px);
            }
          });
          ctx.restore();
        }]
      }
    };
  }

  function driftMarks() {
    return (data.drift || []).map(function (e) {
      var d = dayOf(e.business_date);
      return d == null ? null : {
        x: d * DAY, color: e.kind === 'error' ? COLORS.errorDrift : COLORS.featureDrift, width: 1
      };
    }).filter(Boolean);
  }

  function destroyChart(name) {
    if (charts[name]) { charts[name].destroy(); delete charts[name]; }
  }

  function makeChart(name, container, opts, rows) {
    destroyChart(name);
    container.textContent = '';
    opts.width = chartWidth(container);
    charts[name] = new uPlot(opts, rows, container);
    charts[name].dqsContainer = container;
    return charts[name];
  }

  function xsFrom(d0, n) {
    var xs = new Array(n);
    for (var i = 0; i < n; i++) xs[i] = (d0 + i) * DAY;
    return xs;
  }

  function overviewChart(container) {
    var o = data.overall;
    if (o) {
      var n = o.actual.length;
      var marks = driftMarks();
      if (versions.length > 1) versions.forEach(function (v) {
        marks.push({ x: v.first * DAY, color: COLORS.version, dash: [4, 3], label: shortVersion(v.version) });
      });
      return makeChart('overview', container, {
        height: 260,
        scales: { x: { time: true }, y: { range: [0, 100] } },
        axes: [{}, { label: 'pass %', size: 50 }],
        series: [
          {},
          { label: 'Mean actual', stroke: COLORS.actual, width: 1.5 },
          { label: 'Mean forecast', stroke: COLORS.forecast, width: 1.5, dash: [6, 4] },
          { label: 'MAE', stroke: '#7f8c8d', width: 1 }
        ],
        plugins: [markersPlugin(marks)]
      }, [xsFrom(o.d0, n), o.actual, o.predicted, o.mae]);
    }
    // No daily values: how the series spread over fail rates of the last month.
    var buckets = new Array(10).fill(0);
    series.forEach(function (s) {
      if (s.f1 != null) buckets[Math.min(9, Math.floor(s.f1 * 10))]++;
    });
    return makeChart('overview', container, {
      height: 220,
      scales: { x: { time: false, range: [-0.5, 9.5] }, y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
      axes: [
        { values: function (u, splits) { return splits.map(function (v) { return v === Math.round(v) && v >= 0 && v < 10 ? (v * 10) + '–' + (v * 10 + 10) + ' %' : ''; }); }, label: 'fail rate, last 30 days' },
        { label: 'series', size: 50 }
      ],
      series: [{}, { label: 'Series', stroke: COLORS.actual, fill: 'rgba(31,111,178,0.5)', paths: uPlot.paths.bars({ size: [0.7, 80] }), points: { show: false } }]
    }, [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], buckets]);
  }

  function seriesChart(container, s) {
    if (s.d0 != null && (countValues(s.a) > 0 || countValues(s.p) > 0 || s.nan > 0)) {
      var n = s.a.length;
      var rows = [xsFrom(s.d0, n), s.a, s.p];
      var cfg = [
        {},
        { label: 'Actual', stroke: COLORS.actual, width: 1.5, points: { show: true, size: 4, fill: COLORS.actual } },
        { label: 'Forecast', stroke: COLORS.forecast, width: 1.5, dash: [6, 4] }
      ];
      var bands;
      if (s.lo) {
        rows.push(s.lo, s.hi);
        cfg.push({ label: 'Lower', stroke: COLORS.bound, width: 1 }, { label: 'Upper', stroke: COLORS.bound, width: 1 });
        bands = [{ series: [4, 3], fill: COLORS.band }];
      }
      if (s.an) {
        var y = new Array(n).fill(null);
        s.an.forEach(function (a) {
          var i = a[0] - s.d0;
          if (i >= 0 && i < n) y[i] = a[1] != null ? a[1] : (s.a[i] != null ? s.a[i] : 50);
        });
        rows.push(y);
        cfg.push({
          label: 'Anomaly', stroke: COLORS.anomaly, width: 0, paths: function () { return null; },
          points: { show: true, size: 11, stroke: COLORS.anomaly, fill: 'rgba(214,39,40,0.35)', width: 2 }
        });
      }
      var marks = driftMarks();
      (s.mv || []).forEach(function (m, i) {
        if (i > 0) {
          marks.push({ x: m[0] * DAY, color: COLORS.version, dash: [4, 3], label: shortVersion(versions[m[1]] ? versions[m[1]].version : '?') });
        }
      });
      var opts = {
        height: 320,
        scales: { x: { time: true }, y: { range: [0, 100] } },
        axes: [{}, { label: 'pass %', size: 50 }],
        series: cfg,
        plugins: [markersPlugin(marks)]
      };
      if (bands) opts.bands = bands;
      return makeChart('series', container, opts, rows);
    }
    if (s.c) {
      // Summaries only: pass share per window.
      var share = [0, 9, 6, 3].map(function (k) {
        var tot = s.c[k] + s.c[k + 1] + s.c[k + 2];
        return tot ? Math.round(1000 * s.c[k] / tot) / 10 : null;
      });
      var labels = ['total', '12 months', '3 months', '1 month'];
      return makeChart('series', container, {
        height: 240,
        scales: { x: { time: false, range: [-0.5, 3.5] }, y: { range: [0, 100] } },
        axes: [
          { values: function (u, splits) { return splits.map(function (v) { return labels[v] || ''; }); } },
          { label: 'pass share %', size: 50 }
        ],
        series: [{}, { label: 'Pass share', stroke: COLORS.pass, fill: 'rgba(76,154,42,0.55)', paths: uPlot.paths.bars({ size: [0.6, 90] }), points: { show: false } }]
      }, [[0, 1, 2, 3], share]);
    }
    destroyChart('series');
    container.textContent = 'No values for this series.';
    return null;
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      Object.keys(charts).forEach(function (k) {
        var c = charts[k];
        c.setSize({ width: chartWidth(c.dqsContainer), height: c.height });
      });
    }, 150);
  });

  // ---------------------------------------------------------------- page parts

  function header() {
    var dirs = data.dirs.map(function (d) { return d.path; }).join(', ');
    return el('header', { cls: 'top' }, [
      el('h1', { text: 'Data quality report' }),
      el('div', { cls: 'meta', text: 'Generated ' + data.generated + ' from ' + dirs })
    ]);
  }

  function about() {
    var rows = data.dirs.map(function (d) {
      return el('tr', null, [
        td(d.path, false, 'mono'),
        td(d.kind),
        td(d.present.join(', ') || 'none'),
        el('td', { cls: 'absent', text: d.absent.join(', ') || 'none' }),
        el('td', { cls: 'problem' }, d.problems.map(function (p) { return el('div', { text: p }); }))
      ]);
    });
    return section('What this report shows', [
      el('ul', { cls: 'notes' }, data.notes.map(function (n) { return el('li', { text: n }); })),
      el('h3', { text: 'Inputs' }),
      table(['directory', 'outputs of', 'files read', 'absent', 'problems'], rows)
    ], 'about');
  }

  function lastRunReport() {
    for (var i = data.dirs.length - 1; i >= 0; i--) if (data.dirs[i].runReport) return data.dirs[i].runReport;
    return null;
  }

  function kpis() {
    var datasets = {}, rules = {}, p1 = 0, f1 = 0, up = 0, forecasts = 0, anomalies = 0, errSum = 0, errN = 0;
    series.forEach(function (s) {
      datasets[s.u] = 1;
      rules[s.r] = 1;
      if (s.c) { p1 += s.c[3]; f1 += s.c[4]; }
      if (s.tr === 'up') up++;
      forecasts += countValues(s.p);
      anomalies += s.nan;
      if (s.mae != null) { errSum += s.mae * s.days; errN += s.days; }
    });
    var rr = lastRunReport();
    var cards = [
      ['Series (dataset × rule)', int(series.length)],
      ['Datasets', int(Object.keys(datasets).length)],
      ['Rules', int(Object.keys(rules).length)],
      ['Fail rate, last 30 days', p1 + f1 ? rate(f1 / (p1 + f1)) : '–'],
      ['Degrading series (trend up)', int(up)],
      ['Records read', rr ? int(rr.records_read) : '–'],
      ['Dead-lettered', rr ? int(rr.records_dead_lettered) : '–'],
      ['Forecasts', int(forecasts)],
      ['Forecast MAE (points)', errN ? num(errSum / errN, 2) : '–'],
      ['Anomalies', int(anomalies)],
      ['Drift events', int((data.drift || []).length)],
      ['Model versions', int(versions.length)]
    ];
    return el('div', { cls: 'kpis' }, cards.map(function (c) {
      return el('div', { cls: 'kpi' }, [el('div', { cls: 'v', text: c[1] }), el('div', { cls: 'l', text: c[0] })]);
    }));
  }

  function seriesRows(list) {
    return list.map(function (s) {
      return el('tr', { cls: 'pick', data: { key: s.key }, on: { click: function () { select(s, true); } } }, [
        td(s.name), td(s.r + (s.rn ? ' · ' + s.rn : '')), td(rate(s.f1), true), td(rate(s.f0), true),
        td(s.tr, false, s.tr ? 'trend-' + s.tr : '')
      ]);
    });
  }

  function overview() {
    var chartBox = el('div', { cls: 'chart', id: 'overview-chart' });
    var worst = series.filter(function (s) { return s.f1 != null && s.execs1m > 0; })
      .sort(function (a, b) { return b.f1 - a.f1 || b.f0 - a.f0; }).slice(0, 10);
    var degrading = series.filter(function (s) { return s.tr === 'up'; })
      .sort(function (a, b) { return b.delta - a.delta; }).slice(0, 10);
    var heads = ['dataset', 'rule', { label: 'fail 30 d', num: true }, { label: 'fail total', num: true }, 'trend'];
    var caption = data.overall
      ? 'All series by day: mean actual and forecast pass percentage, and the mean absolute error.'
      : 'No daily values: series by fail rate over the last 30 days.';
    var s = section('Overview', [
      kpis(),
      el('div', { cls: 'legend-note', text: caption }),
      chartBox,
      legendNote(true),
      el('div', { cls: 'grid2' }, [
        el('div', null, [el('h3', { text: 'Worst series: highest fail rate, last 30 days' }),
          worst.length ? table(heads, seriesRows(worst)) : el('p', { cls: 'muted', text: 'No summaries.' })]),
        el('div', null, [el('h3', { text: 'Degrading: fail rate rising (1 month vs 3 months)' }),
          degrading.length ? table(heads, seriesRows(degrading)) : el('p', { cls: 'muted', text: 'No series with trend up.' })])
      ])
    ], 'overview');
    return { node: s, chart: chartBox };
  }

  function legendNote(overviewChart) {
    var parts = [];
    if ((data.drift || []).length) {
      parts.push(el('span', { cls: 'swatch', style: 'background:' + COLORS.featureDrift }), 'feature drift');
      parts.push(el('span', { cls: 'swatch', style: 'background:' + COLORS.errorDrift }), 'error drift');
    }
    if (versions.length) {
      parts.push(el('span', { cls: 'swatch', style: 'background:' + COLORS.version }),
        overviewChart ? 'first forecast of a model version' : 'model version change');
    }
    if (!overviewChart && data.show.interval) {
      parts.push(el('span', { cls: 'swatch', style: 'background:' + COLORS.band + ';height:10px' }), 'forecast interval');
    }
    return parts.length ? el('div', { cls: 'legend-note' }, parts) : null;
  }

  function deadLetters() {
    var parts = [];
    data.dirs.forEach(function (d) {
      var counts = d.deadLetters;
      var source = 'dead_letters.csv';
      if (d.runReport && d.runReport.dead_letters_by_reason) {
        counts = d.runReport.dead_letters_by_reason;
        source = 'run_report.json';
      }
      var reasons = Object.keys(counts);
      if (!reasons.length) {
        parts.push(el('p', { cls: 'muted', text: d.path + ': ' + (d.present.indexOf('dead_letters.csv') < 0 && !d.runReport ? 'no dead_letters.csv or run_report.json' : 'no dead letters') }));
        return;
      }
      var max = Math.max.apply(null, reasons.map(function (r) { return counts[r]; })) || 1;
      var total = reasons.reduce(function (t, r) { return t + counts[r]; }, 0);
      parts.push(el('h3', { text: d.path + ': ' + int(total) + ' dead letters (' + source + ')' }));
      reasons.sort(function (a, b) { return counts[b] - counts[a]; }).forEach(function (r) {
        parts.push(el('div', { cls: 'bar-row' }, [
          el('span', { cls: 'mono', text: r }),
          el('div', null, [el('div', { cls: 'bar', style: 'width:' + (100 * counts[r] / max).toFixed(1) + '%' })]),
          el('span', { cls: 'num', text: int(counts[r]) })
        ]));
      });
      if (d.deadLetterSamples.length) {
        parts.push(el('details', null, [
          el('summary', { text: 'Examples (the first ' + 5 + ' of each reason)' }),
          table(['reason', 'detail', 'file', { label: 'line', num: true }, 'raw'], d.deadLetterSamples.map(function (x) {
            return el('tr', null, [td(x[0], false, 'mono'), td(x[1]), td(x[2], false, 'mono'), td(x[3], true), td(x[4], false, 'mono')]);
          }))
        ]));
      }
    });
    return section('Dead letters by reason', parts, 'dead-letters');
  }

  function runFacts() {
    var keys = ['command', 'records_read', 'records_valid', 'records_dead_lettered', 'invariant_holds',
      'summary_keys', 'reference_date', 'unknown_rule_code_list', 'records_with_unknown_rule_code',
      'parallelism', 'model_version', 'forecasts_emitted'];
    var withReport = data.dirs.filter(function (d) { return d.runReport; });
    if (!withReport.length) {
      return section('Run facts', [el('p', { cls: 'absent', text: 'No run_report.json in the inputs (a continuous run writes none while it runs).' })], 'run-facts');
    }
    var rows = keys.map(function (k) {
      return el('tr', null, [td(k, false, 'mono')].concat(withReport.map(function (d) {
        var v = d.runReport[k];
        if (Array.isArray(v)) v = v.join(', ') || 'none';
        else if (typeof v === 'number') v = int(v);
        else if (v != null) v = String(v);
        return td(v, typeof d.runReport[k] === 'number');
      })));
    });
    rows.push(el('tr', null, [td('total time', false, 'mono')].concat(withReport.map(function (d) {
      var t = d.runReport.timings_ms;
      return td(t && t.total != null ? num(t.total / 1000, 1) + ' s' : null, true);
    }))));
    return section('Run facts (run_report.json)', [table(['fact'].concat(withReport.map(function (d) { return d.path; })), rows)], 'run-facts');
  }

  function metricsTable(metrics) {
    var names = Object.keys(metrics || {});
    return table(['method', { label: 'rows', num: true }, { label: 'MAE', num: true }, { label: 'RMSE', num: true },
      { label: 'R²', num: true }, { label: 'MAPE %', num: true }, { label: 'MASE', num: true }],
      names.map(function (n) {
        var m = metrics[n];
        return el('tr', null, [td(n, false, n === 'model' ? 'mono trend-down' : 'mono'), td(int(m.rows), true), td(num(m.mae, 3), true),
          td(num(m.rmse, 3), true), td(num(m.r2, 3), true), td(num(m.mape, 2), true), td(num(m.mase, 3), true)]);
      }));
  }

  function models() {
    var parts = [];
    if (versions.length) {
      parts.push(el('h3', { text: 'Model versions that made the forecasts (model_version of predictions)' }));
      parts.push(table(['version', 'first day', 'last day', { label: 'series', num: true }, { label: 'forecasts', num: true },
        { label: 'realized', num: true }, { label: 'MAE', num: true }], versions.map(function (v) {
          return el('tr', null, [td(v.version, false, 'mono'), td(dateOf(v.first)), td(dateOf(v.last)), td(int(v.series), true),
            td(int(v.forecasts), true), td(int(v.realized), true), td(num(v.mae, 3), true)]);
        })));
    } else {
      parts.push(el('p', { cls: 'absent', text: 'No forecasts, so no model versions over time.' }));
    }
    var m = data.model;
    if (m) {
      parts.push(el('h3', { text: 'Model file ' + m.file + ': version ' + m.version }));
      if (m.training) {
        var t = m.training;
        parts.push(el('p', { cls: 'muted', text: 'Created ' + m.createdAt + '; trained on ' + int(t.records) + ' records of ' + int(t.series) +
          ' series from ' + t.firstDay + ' to ' + t.lastDay + ' (' + int(t.trainRows) + ' training rows, ' + int(t.holdoutRows) +
          ' held out from ' + t.holdoutFrom + '); ' + int(t.bestIteration) + ' trees.' }));
      }
      parts.push(metricsTable(m.metrics));
    }
    var r = data.registry;
    if (r) {
      parts.push(el('h3', { text: 'Model registry ' + r.dir + (r.active ? ' (active: ' + r.active + ')' : ' (no active model)') }));
      parts.push(table(['', 'version', 'created', 'training days', { label: 'holdout MAE', num: true },
        { label: 'RMSE', num: true }, { label: 'MASE', num: true }, 'problem'], r.versions.map(function (v) {
          var mm = v.metrics && v.metrics.model;
          var t = v.training;
          return el('tr', null, [td(v.active ? 'active' : ''), td(v.version, false, 'mono'), td(v.createdAt),
            td(t ? t.firstDay + ' – ' + t.lastDay : null), td(mm ? num(mm.mae, 3) : null, true),
            td(mm ? num(mm.rmse, 3) : null, true), td(mm ? num(mm.mase, 3) : null, true), td(v.problem, false, 'problem')]);
        })));
    }
    return section('Models', parts, 'models');
  }

  function events() {
    var drift = data.drift || [];
    var parts = [];
    if (!drift.length) {
      parts.push(el('p', { cls: 'muted', text: data.dirs.some(function (d) { return d.present.indexOf('drift_events.jsonl') >= 0; })
        ? 'No drift events.' : 'drift_events.jsonl is absent.' }));
    } else {
      parts.push(el('details', null, [el('summary', { text: int(drift.length) + ' drift events' }),
        table(['day', 'kind', 'statistic', { label: 'value', num: true }, { label: 'threshold', num: true }, 'features', 'model version', 'detail'],
          drift.map(function (e) {
            return el('tr', null, [td(e.business_date), td(e.kind), td(e.statistic), td(num(e.value, 3), true),
              td(num(e.threshold, 3), true), td((e.features || []).join(', ')), td(e.model_version, false, 'mono'), td(e.detail)]);
          }))]));
    }
    var triggers = data.triggers || [];
    if (triggers.length) {
      parts.push(el('details', null, [el('summary', { text: int(triggers.length) + ' retraining triggers' }),
        table(['day', 'reason', 'model version'], triggers.map(function (t) {
          return el('tr', null, [td(t.business_date), td(t.reason), td(t.model_version, false, 'mono')]);
        }))]));
    }
    var all = [];
    series.forEach(function (s) { (s.an || []).forEach(function (a) { all.push([s, a]); }); });
    all.sort(function (x, y) { return y[1][0] - x[1][0]; });
    if (all.length) {
      parts.push(el('h3', { text: 'Latest anomalies (' + int(all.length) + ' in all)' }));
      parts.push(table(['day', 'dataset', 'rule', { label: 'actual', num: true }, { label: 'expected', num: true },
        'interval', 'severity', 'direction'], all.slice(0, 30).map(function (x) {
          var s = x[0], a = x[1];
          return el('tr', { cls: 'pick', data: { key: s.key }, on: { click: function () { select(s, true); } } }, [
            td(dateOf(a[0]), false, 'nowrap'), td(s.name), td(String(s.r)), td(num(a[1], 1), true), td(num(a[2], 1), true),
            td(a[3] != null && a[4] != null ? num(a[3], 1) + ' – ' + num(a[4], 1) + (a[5] != null ? ' (' + a[5] + ')' : '') : null),
            td(a[8]), td(a[9])
          ]);
        })));
    } else {
      parts.push(el('p', { cls: 'muted', text: data.show.anomalies ? 'No anomalies.' : 'No anomalies: anomalies.jsonl is absent.' }));
    }
    return section('Drift events and anomalies', parts, 'events');
  }

  // ---------------------------------------------------------------- explorer

  var state = { query: '', trend: '', anomaliesOnly: false, sort: 'f1', desc: true, page: 0, selected: null, rows: series };
  var COLUMNS = [
    { key: 'name', label: 'dataset', get: function (s) { return s.name.toLowerCase(); } },
    { key: 'r', label: 'rule', get: function (s) { return s.r; } },
    { key: 'f1', label: 'fail 30d', num: true, get: function (s) { return s.f1; }, show: function (s) { return rate(s.f1); } },
    { key: 'f0', label: 'fail all', num: true, get: function (s) { return s.f0; }, show: function (s) { return rate(s.f0); } },
    { key: 'tr', label: 'trend', get: function (s) { return s.tr; } },
    { key: 'mae', label: 'MAE', num: true, get: function (s) { return s.mae; }, show: function (s) { return num(s.mae, 1); } },
    { key: 'nan', label: 'anom.', num: true, get: function (s) { return s.nan; }, show: function (s) { return s.nan ? int(s.nan) : ''; } }
  ];
  var ui = {};

  function explorer() {
    ui.search = el('input', { type: 'search', id: 'search', placeholder: 'Search dataset, id, rule, source, tenant…', autocomplete: 'off' });
    var timer = null;
    ui.search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = ui.search.value.trim().toLowerCase(); state.page = 0; refreshTable(); }, 120);
    });
    ui.trend = el('select', { id: 'trend-filter', on: { change: function () { state.trend = ui.trend.value; state.page = 0; refreshTable(); } } }, [
      el('option', { value: '', text: 'any trend' }), el('option', { value: 'up', text: 'trend up' }),
      el('option', { value: 'equal', text: 'trend equal' }), el('option', { value: 'down', text: 'trend down' })
    ]);
    ui.anom = el('input', { type: 'checkbox', id: 'anomalies-only', on: { change: function () { state.anomaliesOnly = ui.anom.checked; state.page = 0; refreshTable(); } } });
    ui.count = el('span', { cls: 'muted', id: 'match-count' });
    ui.thead = el('tr');
    COLUMNS.forEach(function (c) {
      ui.thead.appendChild(el('th', { cls: 'sortable' + (c.num ? ' num' : ''), text: c.label, data: { sort: c.key }, on: { click: function () {
        if (state.sort === c.key) state.desc = !state.desc; else { state.sort = c.key; state.desc = !!c.num; }
        refreshTable();
      } } }));
    });
    ui.tbody = el('tbody', { id: 'series-rows' });
    ui.prev = el('button', { text: '‹ previous', on: { click: function () { state.page--; renderPage(); } } });
    ui.next = el('button', { text: 'next ›', on: { click: function () { state.page++; renderPage(); } } });
    ui.pageInfo = el('span', { cls: 'muted' });
    ui.detail = el('div', { id: 'detail' });
    return section('Series: dataset × rule', [
      el('div', { cls: 'controls' }, [ui.search, ui.trend, el('label', null, [ui.anom, ' with anomalies']), ui.count]),
      el('div', { cls: 'explorer' }, [
        el('div', null, [el('table', { id: 'series-table' }, [el('thead', null, [ui.thead]), ui.tbody]),
          el('div', { cls: 'pager' }, [ui.prev, ui.pageInfo, ui.next])]),
        ui.detail
      ])
    ], 'series');
  }

  function compare(c, desc) {
    return function (a, b) {
      var x = c.get(a), y = c.get(b);
      if (x == null && y == null) return a.i - b.i;
      if (x == null) return 1;
      if (y == null) return -1;
      var r = x < y ? -1 : x > y ? 1 : 0;
      return (desc ? -r : r) || a.i - b.i;
    };
  }

  function refreshTable() {
    var q = state.query;
    var words = q ? q.split(/\s+/) : [];
    var rows = series.filter(function (s) {
      if (state.trend && s.tr !== state.trend) return false;
      if (state.anomaliesOnly && !s.nan) return false;
      for (var i = 0; i < words.length; i++) if (s.hay.indexOf(words[i]) < 0) return false;
      return true;
    });
    var col = COLUMNS.filter(function (c) { return c.key === state.sort; })[0] || COLUMNS[0];
    rows.sort(compare(col, state.desc));
    state.rows = rows;
    Array.prototype.forEach.call(ui.thead.children, function (th) {
      var active = th.dataset.sort === state.sort;
      th.textContent = COLUMNS.filter(function (c) { return c.key === th.dataset.sort; })[0].label + (active ? (state.desc ? ' ▼' : ' ▲') : '');
    });
    ui.count.textContent = int(rows.length) + ' of ' + int(series.length) + ' series';
    renderPage();
  }

  function renderPage() {
    var rows = state.rows;
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.max(0, Math.min(state.page, pages - 1));
    var from = state.page * PAGE;
    var frag = document.createDocumentFragment();
    rows.slice(from, from + PAGE).forEach(function (s) {
      frag.appendChild(el('tr', {
        cls: 'pick' + (state.selected === s ? ' selected' : ''), data: { key: s.key },
        on: { click: function () { select(s, false); } }
      }, COLUMNS.map(function (c) {
        var v = c.show ? c.show(s) : c.get(s);
        if (c.key === 'name') {
          return el('td', { cls: 'name-cell', title: s.name + '\n' + s.u }, [el('div', { cls: 'clip', text: s.name }), el('div', { cls: 'muted mono clip', text: s.u })]);
        }
        if (c.key === 'r') return el('td', { title: s.rn || '' }, [el('div', { text: String(s.r) }), el('div', { cls: 'muted clip', text: s.rn || '' })]);
        return td(v, c.num, c.key === 'tr' && s.tr ? 'trend-' + s.tr : '');
      })));
    });
    ui.tbody.textContent = '';
    ui.tbody.appendChild(frag);
    if (!rows.length) ui.tbody.appendChild(el('tr', null, [el('td', { colSpan: COLUMNS.length, cls: 'muted', text: 'No series match.' })]));
    ui.pageInfo.textContent = rows.length ? 'rows ' + int(from + 1) + '–' + int(Math.min(rows.length, from + PAGE)) + ' of ' + int(rows.length) : '';
    ui.prev.disabled = state.page === 0;
    ui.next.disabled = state.page >= pages - 1;
  }

  function fact(label, value) {
    return value == null || value === '' ? null : el('tr', null, [td(label, false, 'muted'), td(String(value))]);
  }

  function select(s, scroll) {
    state.selected = s;
    Array.prototype.forEach.call(ui.tbody.querySelectorAll('tr.selected'), function (tr) { tr.classList.remove('selected'); });
    Array.prototype.forEach.call(ui.tbody.querySelectorAll('tr'), function (tr) { if (tr.dataset.key === s.key) tr.classList.add('selected'); });
    var d = ui.detail;
    d.textContent = '';
    d.dataset.key = s.key;
    d.appendChild(el('h3', { id: 'detail-title', text: s.name + ' — rule ' + s.r + (s.rn ? ' ' + s.rn : '') }));
    d.appendChild(el('div', { cls: 'sub', text: [s.u, s.src, s.t, s.dim, s.cat].filter(function (x) { return x; }).join(' · ') }));
    var box = el('div', { cls: 'chart', id: 'series-chart' });
    d.appendChild(box);
    seriesChart(box, s);
    var legend = legendNote(false);
    if (legend) d.appendChild(legend);
    var what = s.d0 != null && countValues(s.a) ? 'Actual: realized.csv; forecast: predictions.csv.'
      : s.c ? 'No daily values for this series: pass share per window, from its summary.' : '';
    if (what) d.appendChild(el('div', { cls: 'legend-note', text: what }));
    var rows = [
      fact('also named', s.aka ? s.aka.join(' | ') : null),
      fact('executions (pass / fail / warning), total', s.c ? int(s.c[0]) + ' / ' + int(s.c[1]) + ' / ' + int(s.c[2]) : null),
      fact('executions, last 30 days', s.c ? int(s.c[3]) + ' / ' + int(s.c[4]) + ' / ' + int(s.c[5]) : null),
      fact('fail rate total / 12 m / 3 m / 1 m', s.fr ? [s.fr[0], s.fr[3], s.fr[2], s.fr[1]].map(rate).join(' / ') : null),
      fact('trend', s.tr),
      fact('latest business date', s.last),
      fact('last execution level', s.lvl),
      fact('days with an actual value', s.days != null ? int(s.days) : null),
      fact('last actual / last forecast', s.d0 != null ? num(s.lastA, 1) + ' / ' + num(s.lastP, 1) : null),
      fact('forecast MAE (points)', s.mae != null ? num(s.mae, 2) : null),
      fact('model versions', (s.mv || []).map(function (m) { return dateOf(m[0]) + ': ' + (versions[m[1]] ? versions[m[1]].version : '?'); }).join(', '))
    ].filter(Boolean);
    d.appendChild(el('table', { id: 'detail-facts' }, [el('tbody', null, rows)]));
    if (s.an) {
      d.appendChild(el('h3', { text: 'Anomalies of this series' }));
      d.appendChild(el('div', { cls: 'scroll-box' }, [table(['day', { label: 'actual', num: true }, { label: 'expected', num: true }, 'interval',
        { label: 'executions', num: true }, 'severity', 'direction', 'model version'], s.an.map(function (a) {
          return el('tr', null, [td(dateOf(a[0]), false, 'nowrap'), td(num(a[1], 1), true), td(num(a[2], 1), true),
            td(a[3] != null && a[4] != null ? num(a[3], 1) + ' – ' + num(a[4], 1) : null), td(int(a[6]), true), td(a[8]), td(a[9]), td(a[7], false, 'mono')]);
        }), { cls: 'anomalies' })]));
    }
    try { history.replaceState(null, '', '#s=' + encodeURIComponent(s.u) + '/' + s.r); } catch (e) { /* file: URLs may refuse */ }
    if (scroll) document.getElementById('series').scrollIntoView();
  }

  function fromHash() {
    var m = /^#s=([^/]*)\/(-?\d+)$/.exec(location.hash || '');
    if (!m) return null;
    try { return byKey[decodeURIComponent(m[1]) + '\u0000' + m[2]] || null; } catch (e) { return null; }
  }

  // ---------------------------------------------------------------- start

  function render() {
    app.textContent = '';
    app.appendChild(header());
    var main = el('main');
    app.appendChild(main);
    main.appendChild(about());
    var ov = overview();
    main.appendChild(ov.node);
    main.appendChild(explorer());
    main.appendChild(deadLetters());
    main.appendChild(runFacts());
    main.appendChild(models());
    main.appendChild(events());
    overviewChart(ov.chart);
    refreshTable();
    var first = fromHash() || state.rows[0];
    if (first) select(first, false);
    else ui.detail.appendChild(el('p', { cls: 'muted', text: 'No series in the inputs.' }));
    window.addEventListener('hashchange', function () {
      var s = fromHash();
      if (s && s !== state.selected) select(s, true);
    });
    document.body.dataset.ready = '1';
  }

  try {
    render();
  } catch (e) {
    app.appendChild(el('div', { cls: 'error-box', text: 'The report could not be shown: ' + e }));
    throw e;
  }
  window.dqsReport = {
    select: function (u, r) { var s = byKey[u + '\u0000' + r]; if (s) select(s, false); return !!s; },
    charts: function () { return Object.keys(charts); }
  };
})();
