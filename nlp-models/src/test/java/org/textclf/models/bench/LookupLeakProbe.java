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
        SDVariable out = args.length > 0 && args[0].equals("gather") ? sd.gather(table, ids, 0) : Embeddings.lookup(sd, null, table, ids);
        out.sum().rename("loss");
        sd.setLossVariables("loss");
        var idsArr = Nd4j.randomBernoulli(0.5, 64, 300).castTo(DataType.INT);
        for (int step = 1; step <= 40; step++) {
            Map<String, org.nd4j.linalg.api.ndarray.INDArray> g = sd.calculateGradients(Map.of("ids", idsArr), List.of("table"));
            g.values().forEach(TextNetwork::close);
            if (step % 10 == 0) {
                System.out.println("step " + step + " " + MemoryProbe.rss());
            }
        }
    }
}
