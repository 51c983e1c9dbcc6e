package org.textclf.models.bench;

import java.util.Collections;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Resident memory of one native kernel called repeatedly, with every output closed and
 * {@code System.gc()} after each call, so that only memory the kernel itself never frees can grow:
 * {@code java -cp ... org.textclf.models.bench.NativeOpLeakProbe <segment|scatter|gru|gru-forward|matmul|reverse>}.
 * {@code gru} runs SameDiff's gradient sub-graph (with its memory release enabled) of sum(gru(x)),
 * i.e. one {@code gru_bp} per call, at T=300, B=64, H=64.
 */
public final class NativeOpLeakProbe {

    private NativeOpLeakProbe() {
    }

    public static void main(String[] args) {
        String op = args[0];
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Runnable call;
        if (op.equals("segment") || op.equals("scatter")) {
            INDArray data = Nd4j.randn(DataType.FLOAT, 19200, 64);
            INDArray ids = Nd4j.zeros(DataType.INT, 19200);
            call = op.equals("segment")
                    ? () -> Nd4j.exec(new UnsortedSegmentSum(data, ids, 130000))[0].close()
                    : () -> {
                        INDArray out = Nd4j.zeros(DataType.FLOAT, 130000, 64);
                        Nd4j.exec(new ScatterAdd(out, ids, data));
                        out.close();
                    };
        } else {
            int t = 300;
            int b = 64;
            int h = 64;
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", Nd4j.randn(DataType.FLOAT, t, b, h));
            SDVariable wx = sd.var("wx", Nd4j.randn(DataType.FLOAT, h, 3 * h).muli(0.1));
            SDVariable lengths = sd.constant("lengths", Nd4j.createFromArray(java.util.stream.IntStream.range(0, b)
                    .map(i -> 1 + (i * 37) % t).toArray()));
            if (op.equals("reverse")) {
                sd.reverseSequence(x, lengths, 0, 1).mul(sd.reverseSequence(x, lengths, 0, 1)).sum().rename("loss");
            } else if (op.equals("matmul")) {
                sd.mmul(sd.reshape(x, -1, h), wx).sum().rename("loss");
            } else {
                sd.rnn().gru(x, sd.constant(Nd4j.zeros(DataType.FLOAT, b, h)), wx,
                        sd.var("wh", Nd4j.randn(DataType.FLOAT, h, 3 * h).muli(0.1)), sd.var("b", Nd4j.zeros(DataType.FLOAT, 3 * h)))
                        .sum().rename("loss");
            }
            sd.setLossVariables("loss");
            sd.createGradFunction();
            SameDiff grad = sd.getFunction("grad");
            grad.setEnableCache(true);
            boolean forward = op.equals("gru-forward");
            SameDiff run = forward ? sd : grad;
            String[] outputs = forward ? new String[] {"loss"} : new String[] {"loss", sd.getVariable("x").getGradient().name()};
            call = () -> run.output(Collections.emptyMap(), outputs).values().forEach(INDArray::close);
        }
        for (int i = 1; i <= calls; i++) {
            call.run();
            System.gc();
            if (i % 10 == 0) {
                System.out.println(op + " call " + i + " " + MemoryProbe.rss());
            }
        }
    }
}
