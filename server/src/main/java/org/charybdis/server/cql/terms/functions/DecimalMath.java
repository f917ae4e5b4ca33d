package org.charybdis.server.cql.terms.functions;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** exp, log and log10 of decimals to 32 significant digits, the precision Cassandra's decimal math gives. */
final class DecimalMath {
    static final MathContext PRECISION = new MathContext(32, RoundingMode.HALF_EVEN);
    private static final MathContext WORK = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal LN_10 = lnNear(BigDecimal.TEN);

    private DecimalMath() {}

    static BigDecimal exp(BigDecimal x) {
        // halve until |x| <= 1 so the series converges fast, then square back
        int halvings = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(BigDecimal.ONE) > 0) {
            r = r.divide(TWO, WORK);
            halvings++;
        }
        MathContext work = new MathContext(WORK.getPrecision() + halvings, RoundingMode.HALF_EVEN);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(work.getPrecision() + 2);
        for (int i = 1; term.abs().compareTo(epsilon) > 0; i++) {
            term = term.multiply(r, work).divide(BigDecimal.valueOf(i), work);
            sum = sum.add(term, work);
        }
        for (int i = 0; i < halvings; i++) sum = sum.multiply(sum, work);
        return sum.round(PRECISION);
    }

    static BigDecimal log(BigDecimal x) {
        return ln(x).round(PRECISION);
    }

    static BigDecimal log10(BigDecimal x) {
        return ln(x).divide(LN_10, WORK).round(PRECISION);
    }

    private static BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) throw new ArithmeticException("logarithm of a non-positive number");
        // x = m * 10^e with m in [1, 10): ln x = ln m + e ln 10
        int exponent = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(exponent);
        BigDecimal result = lnNear(m);
        return exponent == 0 ? result : result.add(LN_10.multiply(BigDecimal.valueOf(exponent), WORK), WORK);
    }

    /** ln of a value whose double is finite and positive: Halley's iteration from the double's logarithm. */
    private static BigDecimal lnNear(BigDecimal x) {
        BigDecimal y = new BigDecimal(Math.log(x.doubleValue()));
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(WORK.getPrecision() - 2);
        for (int i = 0; i < 20; i++) {
            BigDecimal e = exp(y, WORK);
            BigDecimal delta = TWO.multiply(x.subtract(e, WORK), WORK).divide(x.add(e, WORK), WORK);
            y = y.add(delta, WORK);
            if (delta.abs().compareTo(epsilon) < 0) break;
        }
        return y;
    }

    private static BigDecimal exp(BigDecimal x, MathContext precision) {
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(precision.getPrecision() + 2);
        for (int i = 1; term.abs().compareTo(epsilon) > 0; i++) {
            term = term.multiply(x, precision).divide(BigDecimal.valueOf(i), precision);
            sum = sum.add(term, precision);
        }
        return sum;
    }
}
