package dev.streamwall.bench;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One local Flink cluster (a MiniCluster: a JobManager and a TaskManager in this JVM) that runs
 * every graph of a bench invocation one after another, as a session cluster runs job after job.
 *
 * <p>A local environment starts a cluster for each job and stops it after: about 2 CPU-seconds a
 * run on this machine, paid once in a deployment's life but, per run, a third of what an 8-lap race
 * costs, so that a figure per CPU-second said more about the run's length than about the job.
 * Submitting, deploying, running and finishing each job are still timed. Each job keeps its own
 * configuration (the state backend is a job's setting).
 */
final class SessionCluster {

    private static final String TARGET = "streamwall-bench-session";

    private static MiniCluster cluster;
    private static int slots;

    private SessionCluster() {}

    /**
     * An environment whose jobs run on the shared cluster, with {@code jobConfiguration} and {@code
     * parallelism}; the cluster is started, or restarted with more slots, as needed.
     */
    static synchronized StreamExecutionEnvironment environment(
            Configuration jobConfiguration, int parallelism) throws Exception {
        if (cluster == null || slots < parallelism) {
            close();
            Configuration conf = new Configuration();
            conf.set(RestOptions.BIND_PORT, "0");
            MiniCluster started =
                    new MiniCluster(
                            new MiniClusterConfiguration.Builder()
                                    .setConfiguration(conf)
                                    .setNumTaskManagers(1)
                                    .setNumSlotsPerTaskManager(parallelism)
                                    .setRpcServiceSharing(RpcServiceSharing.SHARED)
                                    .build());
            started.start();
            cluster = started;
            slots = parallelism;
        }
        Configuration conf = new Configuration(jobConfiguration);
        conf.set(DeploymentOptions.TARGET, TARGET);
        conf.set(DeploymentOptions.ATTACHED, true);
        StreamExecutionEnvironment env =
                new StreamExecutionEnvironment(
                        new OnCluster(cluster), conf, SessionCluster.class.getClassLoader());
        env.setParallelism(parallelism);
        return env;
    }

    /** Stops the shared cluster, if one runs. */
    static synchronized void close() throws Exception {
        if (cluster != null) {
            MiniCluster stopping = cluster;
            cluster = null;
            stopping.close();
        }
    }

    /** Hands every pipeline to the given cluster. */
    private record OnCluster(MiniCluster cluster)
            implements PipelineExecutorServiceLoader, PipelineExecutorFactory, PipelineExecutor {

        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
            return this;
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(TARGET);
        }

        @Override
        public String getName() {
            return TARGET;
        }

        @Override
        public boolean isCompatibleWith(Configuration configuration) {
            return TARGET.equals(configuration.get(DeploymentOptions.TARGET));
        }

        @Override
        public PipelineExecutor getExecutor(Configuration configuration) {
            return this;
        }

        @Override
        public CompletableFuture<JobClient> execute(
                Pipeline pipeline, Configuration configuration, ClassLoader userCodeClassLoader)
                throws Exception {
            StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
            return cluster.submitJob(graph)
                    .thenApply(
                            submitted ->
                                    new MiniClusterJobClient(
                                            submitted.getJobID(),
                                            cluster,
                                            userCodeClassLoader,
                                            MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
        }
    }
}
