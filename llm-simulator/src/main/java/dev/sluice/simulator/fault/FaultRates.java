package dev.sluice.simulator.fault;

/**
 * Fractions (0..1, summing to at most 1) of chat completion calls that get each fault.
 *
 * @param rate429 share answered 429
 * @param rate500 share answered 500
 * @param rateTimeout share never answered
 * @param rateMalformed share answered with broken JSON
 */
public record FaultRates(double rate429, double rate500, double rateTimeout, double rateMalformed) {

    /** No faults at all. */
    public static final FaultRates NONE = new FaultRates(0, 0, 0, 0);

    public FaultRates {
        requireFraction("rate429", rate429);
        requireFraction("rate500", rate500);
        requireFraction("rateTimeout", rateTimeout);
        requireFraction("rateMalformed", rateMalformed);
        double sum = rate429 + rate500 + rateTimeout + rateMalformed;
        if (sum > 1.0) {
            throw new IllegalArgumentException(
                    "rate429 + rate500 + rateTimeout + rateMalformed must be at most 1 but is " + sum);
        }
    }

    /**
     * The fault for a point {@code u} in [0, 1): the interval is split, in this order, into 429, 500, timeout,
     * malformed and no fault, each as wide as its rate.
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
        return Fault.NONE;
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1 but is " + value);
        }
    }
}
