package com.dataquality.dqs.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.blob.TransientBlobService;
import org.apache.flink.runtime.dispatcher.DispatcherGateway;
import org.apache.flink.runtime.dispatcher.SessionDispatcherFactory;
import org.apache.flink.runtime.dispatcher.runner.DefaultDispatcherRunnerFactory;
import org.apache.flink.runtime.entrypoint.component.DefaultDispatcherResourceManagerComponentFactory;
import org.apache.flink.runtime.entrypoint.component.DispatcherResourceManagerComponentFactory;
import org.apache.flink.runtime.leaderelection.LeaderElection;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.resourcemanager.ResourceManagerGateway;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;
import org.apache.flink.runtime.rest.RestEndpointFactory;
import org.apache.flink.runtime.rest.handler.RestHandlerConfiguration;
import org.apache.flink.runtime.rest.handler.RestHandlerSpecification;
import org.apache.flink.runtime.rest.handler.legacy.DefaultExecutionGraphCache;
import org.apache.flink.runtime.rest.handler.legacy.metrics.MetricFetcher;
import org.apache.flink.runtime.rpc.FatalErrorHandler;
import org.apache.flink.runtime.webmonitor.WebMonitorEndpoint;
import org.apache.flink.runtime.webmonitor.retriever.LeaderGatewayRetriever;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandler;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * An embedded mini cluster without a REST API, for bounded commands that nobody watches: the job is
 * submitted, its results collected and its progress polled through the cluster's RPC, never through
 * REST. Flink's mini cluster always starts its REST endpoint with the hundred-odd handlers of the
 * dashboard and API, which a {@code dqs summarize} of a small file spends a good part of its
 * start-up on; here the endpoint serves nothing (Flink offers no way to leave it out: it still
 * listens on a port of the loopback interface, answering 404).
 */
final class HeadlessMiniCluster extends MiniCluster {

    private HeadlessMiniCluster(MiniClusterConfiguration configuration) {
        super(configuration);
    }

    /** A local environment whose job runs on a headless mini cluster of its own. */
    static StreamExecutionEnvironment environment(Configuration configuration) {
        Configuration conf = new Configuration(configuration);
        conf.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        conf.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(EXECUTORS, conf, null);
    }

    /** The local executor, on this cluster, whatever the configuration names. */
    private static final PipelineExecutorServiceLoader EXECUTORS =
            new PipelineExecutorServiceLoader() {
                @Override
                public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                    return new PipelineExecutorFactory() {
                        @Override
                        public String getName() {
                            return LocalExecutor.NAME;
                        }

                        @Override
                        public boolean isCompatibleWith(Configuration c) {
                            return true;
                        }

                        @Override
                        public PipelineExecutor getExecutor(Configuration c) {
                            return LocalExecutor.createWithFactory(c, HeadlessMiniCluster::new);
                        }
                    };
                }

                @Override
                public Stream<String> getExecutorNames() {
                    return Stream.of(LocalExecutor.NAME);
                }
            };

    @Override
    protected DispatcherResourceManagerComponentFactory
            createDispatcherResourceManagerComponentFactory() {
        RestEndpointFactory<DispatcherGateway> rest = HeadlessMiniCluster::endpoint;
        return new DefaultDispatcherResourceManagerComponentFactory(
                DefaultDispatcherRunnerFactory.createSessionRunner(
                        SessionDispatcherFactory.INSTANCE),
                StandaloneResourceManagerFactory.getInstance(),
                rest);
    }

    private static WebMonitorEndpoint<DispatcherGateway> endpoint(
            Configuration configuration,
            LeaderGatewayRetriever<DispatcherGateway> dispatcher,
            LeaderGatewayRetriever<ResourceManagerGateway> resourceManager,
            TransientBlobService blobs,
            ScheduledExecutorService executor,
            MetricFetcher metricFetcher,
            LeaderElection leaderElection,
            FatalErrorHandler fatalErrorHandler)
            throws Exception {
        RestHandlerConfiguration rest = RestHandlerConfiguration.fromConfiguration(configuration);
        return new NoHandlers(
                dispatcher,
                configuration,
                rest,
                resourceManager,
                blobs,
                executor,
                metricFetcher,
                leaderElection,
                new DefaultExecutionGraphCache(
                        rest.getTimeout(), java.time.Duration.ofMillis(rest.getRefreshInterval())),
                fatalErrorHandler);
    }

    /** The REST endpoint the cluster's components need, serving nothing. */
    private static final class NoHandlers extends WebMonitorEndpoint<DispatcherGateway> {
        NoHandlers(
                LeaderGatewayRetriever<DispatcherGateway> dispatcher,
                Configuration configuration,
                RestHandlerConfiguration rest,
                LeaderGatewayRetriever<ResourceManagerGateway> resourceManager,
                TransientBlobService blobs,
                ScheduledExecutorService executor,
                MetricFetcher metricFetcher,
                LeaderElection leaderElection,
                DefaultExecutionGraphCache cache,
                FatalErrorHandler fatalErrorHandler)
                throws Exception {
            super(
                    dispatcher,
                    configuration,
                    rest,
                    resourceManager,
                    blobs,
                    executor,
                    metricFetcher,
                    leaderElection,
                    cache,
                    fatalErrorHandler);
        }

        @Override
        protected List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> initializeHandlers(
                CompletableFuture<String> localAddressFuture) {
            return new ArrayList<>();
        }
    }
}
