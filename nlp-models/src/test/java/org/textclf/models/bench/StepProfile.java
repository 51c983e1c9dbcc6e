package org.textclf.models.bench;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.listeners.profiler.comparison.ProfileAnalyzer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;

/**
 * Per-op time of forward + backward at the reference shape, from SameDiff's profiling listener:
 * {@code java -cp ... org.textclf.models.bench.StepProfile [architecture] [T]}.
 */
public final class StepProfile {

    private StepProfile() {
    }

    public static void main(String[] args) throws Exception {
        Architecture arch = Architecture.parse(args.length > 0 ? args[0] : "gru-attention");
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int b = 32;
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(arch, 10000, 2).embeddingDim(128).hiddenSize(128)
                .heads(4).ffnDim(512).dropout(0.1).build());
        ReferenceBatch batch = ReferenceBatch.random(b, t, 10000);
        int[][] ids = batch.ids();
        float[][] mask = batch.mask();
        float[][] y = batch.labels();
        net.prepareGradients();
        Map<String, INDArray> feed = net.trainingInputs(ids, mask, y);
        List<String> params = net.parameterNames();
        net.sameDiff().calculateGradientsAndOutputs(feed, List.of(TextNetwork.LOSS), params);
        File trace = File.createTempFile("textclf-profile", ".json");
        trace.delete();
        net.sameDiff().addListeners(ProfilingListener.builder(trace).recordAll().warmup(0).build());
        long t0 = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            net.sameDiff().calculateGradientsAndOutputs(feed, List.of(TextNetwork.LOSS), params);
        }
        System.out.printf("%s T=%d: %.0f ms/step (forward+backward, profiled)%n", arch, t, (System.nanoTime() - t0) / 2e6);
        net.sameDiff().getListeners().clear();
        System.out.println(ProfileAnalyzer.summarizeProfileStr(trace, ProfileAnalyzer.ProfileFormat.SAMEDIFF));
    }
}
