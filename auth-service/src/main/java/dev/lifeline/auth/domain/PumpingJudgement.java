package dev.lifeline.auth.domain;

import java.util.List;

/**
 * The rule that tells SMS pumping from an outage, and nothing else: counts go in, the prefixes to
 * block come out. Fraudsters text numbers they are paid for and never type the codes, so a prefix
 * whose codes are almost never used while everyone else's are is pumping. When nobody's codes are
 * used (texts not arriving), that is an outage, and no prefix is blocked; nor while the channel is
 * not healthy. Pure: no clock, no database.
 */
public final class PumpingJudgement {

    private PumpingJudgement() {
    }

    /** Texts to one prefix in the judged window, and how many of their codes were typed back. */
    public record PrefixTexts(String prefix, String country, long texts, long codesUsed) {
        double conversion() {
            return texts == 0 ? 0 : (double) codesUsed / texts;
        }
    }

    public record Rules(int minimumTexts, double maxShareOfOthers, double minimumOthersConversion, int minimumOthersTexts) {
    }

    public record Block(String prefix, String country, String reason) {
    }

    public static List<Block> judge(List<PrefixTexts> window, boolean channelHealthy, Rules rules) {
        if (!channelHealthy) {
            return List.of();
        }
        long allTexts = window.stream().mapToLong(PrefixTexts::texts).sum();
        long allUsed = window.stream().mapToLong(PrefixTexts::codesUsed).sum();
        return window.stream()
                .filter(p -> p.texts() >= rules.minimumTexts())
                .filter(p -> {
                    long othersTexts = allTexts - p.texts();
                    double othersConversion = othersTexts == 0 ? 0 : (double) (allUsed - p.codesUsed()) / othersTexts;
                    return othersTexts >= rules.minimumOthersTexts()
                            && othersConversion >= rules.minimumOthersConversion()
                            && p.conversion() <= rules.maxShareOfOthers() * othersConversion;
                })
                .map(p -> new Block(p.prefix(), p.country(), String.format(
                        "%d texts, %d codes used (%.0f %%), while other numbers' codes were used %.0f %% of the time",
                        p.texts(), p.codesUsed(), p.conversion() * 100,
                        100.0 * (allUsed - p.codesUsed()) / (allTexts - p.texts()))))
                .toList();
    }
}
