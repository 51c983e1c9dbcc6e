package org.textclf.models.bench;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.models.embed.Embeddings;
import org.textclf.models.network.TextNetwork;

/** Resident memory of repeated gradient calls through one embedding lookup (leak hunting). */
public final class LookupLeakProbe {

    private LookupLeakProbe() {
    }

    public static void main(String[] args) {
        SameDiff sd = SameDiff.create();
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1, -1);
        SDVariable table = sd.var("table", Nd4j.randn(DataType.FLOAT, 130000, 64));
        String mode = args.length > 0 ? args[0] : "lookup";
        if (mode.equals("dense")) {
            table.mul(sd.constant(Nd4j.randn(DataType.FLOAT, 130000, 64))).sum().add(ids.castTo(DataType.FLOAT).sum().mul(0)).rename("loss");
        } else if (mode.equals("segment")) {
            SDVariable rows = sd.reshape(table.mul(1.0), -1, 64);
            sd.unsortedSegmentSum(rows, sd.reshape(sd.constant(Nd4j.zeros(DataType.INT, 130000)), -1), 130000).sum()
                    .add(ids.castTo(DataType.FLOAT).sum().mul(0)).rename("loss");
        } else {
            SDVariable out = mode.equals("gather") ? sd.gather(table, ids, 0) : Embeddings.lookup(sd, null, table, ids);
            out.sum().rename("loss");
        }
        sd.setLossVariables("loss");
        var idsArr = Nd4j.randomBernoulli(0.5, 64, 300).castTo(DataType.INT);
        boolean fit = Boolean.getBoolean("probe.fit");
        if (fit) {
            sd.setTrainingConfig(org.nd4j.autodiff.samediff.TrainingConfig.builder().updater(new org.nd4j.linalg.learning.config.Sgd(0.0))
                    .dataSetFeatureMapping("ids").markLabelsUnused().build());
        }
        for (int step = 1; step <= 40; step++) {
            if (fit) {
                sd.fit(new org.nd4j.linalg.dataset.MultiDataSet(new org.nd4j.linalg.api.ndarray.INDArray[] {idsArr}, null));
            } else {
                Map<String, org.nd4j.linalg.api.ndarray.INDArray> g = sd.calculateGradients(Map.of("ids", idsArr), List.of("table"));
                g.values().forEach(TextNetwork::close);
            }
            if (step % 10 == 0) {
                System.out.println("step " + step + " " + MemoryProbe.rss());
            }
        }
    }
}
