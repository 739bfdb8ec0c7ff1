package dev.streamwall.cityflow.functions.route;

import java.io.Serializable;

/**
 * Grams of CO2 a petrol car emits per kilometre at an average speed: fuel {@code L(v) = a/v + b +
 * c·v + d·v²} litres per km times 2,348 g of CO2 per litre of petrol.
 *
 * <p>Sources: the functional form is the fuel consumption function of the UK Department for
 * Transport's appraisal guidance (TAG unit A1.3, "User and Provider Impacts"), whose {@code a/v}
 * term makes stop-and-go traffic cost more per km; 2,348 g/l is the US EPA's 8,887 g of CO2 per
 * gallon of gasoline. The coefficients here are not TAG's published values: they were chosen so
 * that the curve gives 450 g/km at 5 km/h, 300 at 10, 149 at 50 and 146 at 90, in the range of
 * published averages for a petrol car. Override them with {@code --co2-curve a,b,c,d}.
 */
public record EmissionFactor(double a, double b, double c, double d) implements Serializable {

    public static final double GRAMS_CO2_PER_LITRE = 2348;

    public static final EmissionFactor DEFAULT = new EmissionFactor(0.6, 0.075, -0.0008, 6.5e-6);

    public EmissionFactor {
        if (!(grams(a, b, c, d, 5) > 0) || !(grams(a, b, c, d, 130) > 0)) {
            throw new IllegalArgumentException(
                    "the CO2 curve must be positive from 5 to 130 km/h, got a="
                            + a
                            + " b="
                            + b
                            + " c="
                            + c
                            + " d="
                            + d);
        }
    }

    /** Parses {@code a,b,c,d}. */
    public static EmissionFactor parse(String spec) {
        String[] p = spec.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException(
                    "a CO2 curve is four numbers a,b,c,d (litres/km = a/v + b + c*v + d*v^2), got '"
                            + spec
                            + "'");
        }
        try {
            return new EmissionFactor(
                    Double.parseDouble(p[0].trim()),
                    Double.parseDouble(p[1].trim()),
                    Double.parseDouble(p[2].trim()),
                    Double.parseDouble(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a CO2 curve is four numbers, got '" + spec + "'");
        }
    }

    /** g CO2 per km at {@code kmh}, taken between 5 and 130 km/h. */
    public double gramsPerKm(double kmh) {
        return grams(a, b, c, d, Math.max(5, Math.min(130, kmh)));
    }

    private static double grams(double a, double b, double c, double d, double v) {
        return GRAMS_CO2_PER_LITRE * (a / v + b + c * v + d * v * v);
    }
}
