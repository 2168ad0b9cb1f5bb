package dev.sluice.simulator.fault;

/**
 * Fractions (0..1, summing to at most 1) of chat completion calls that get each fault.
 *
 * @param rate429 share answered 429
 * @param rate500 share answered 500
 * @param rateTimeout share never answered
 * @param rateMalformed share answered with broken JSON
 * @param rateStreamCut share whose connection is closed midway through the answer
 */
public record FaultRates(double rate429, double rate500, double rateTimeout, double rateMalformed,
                         double rateStreamCut) {

    /** No faults at all. */
    public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0);

    public FaultRates {
        requireFraction("rate429", rate429);
        requireFraction("rate500", rate500);
        requireFraction("rateTimeout", rateTimeout);
        requireFraction("rateMalformed", rateMalformed);
        requireFraction("rateStreamCut", rateStreamCut);
        double sum = rate429 + rate500 + rateTimeout + rateMalformed + rateStreamCut;
        if (sum > 1.0) {
            throw new IllegalArgumentException("rate429 + rate500 + rateTimeout + rateMalformed + rateStreamCut"
                    + " must be at most 1 but is " + sum);
        }
    }

    /** The rates without stream cuts, as they were before that fault existed. */
    public FaultRates(double rate429, double rate500, double rateTimeout, double rateMalformed) {
        this(rate429, rate500, rateTimeout, rateMalformed, 0);
    }

    /**
     * The fault for a point {@code u} in [0, 1): the interval is split, in this order, into 429, 500, timeout,
     * malformed, stream cut and no fault, each as wide as its rate. The stream cut comes last so that the faults
     * a seed gave before it existed stay the same while its rate is 0.
     */
    public Fault faultAt(double u) {
        double bound = rate429;
        if (u < bound) {
            return Fault.RATE_LIMIT;
        }
        bound += rate500;
        if (u < bound) {
            return Fault.SERVER_ERROR;
        }
        bound += rateTimeout;
        if (u < bound) {
            return Fault.TIMEOUT;
        }
        bound += rateMalformed;
        if (u < bound) {
            return Fault.MALFORMED;
        }
        bound += rateStreamCut;
        if (u < bound) {
            return Fault.STREAM_CUT;
        }
        return Fault.NONE;
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1 but is " + value);
        }
    }
}
