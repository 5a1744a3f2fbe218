/**
 * Forecasting models as data: the model file and its validation (untrusted input, checked in Java
 * before LightGBM's native code sees it), training and evaluation against baselines, drift
 * references, the registry. Free of Flink; imports {@code record}, {@code features} and {@code
 * stats}.
 */
package com.dataquality.dqs.model;
