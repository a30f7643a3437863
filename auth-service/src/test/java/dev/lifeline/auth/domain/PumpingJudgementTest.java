package dev.lifeline.auth.domain;

import dev.lifeline.auth.domain.PumpingJudgement.PrefixTexts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pumping (one prefix's codes unused, others' used) is blocked; an outage (nobody's used) never is. */
@Tag("unit")
class PumpingJudgementTest {

    private static final PumpingJudgement.Rules RULES = new PumpingJudgement.Rules(10, 0.25, 0.4, 10);

    @Test
    void onePrefixWhoseCodesNobodyTypesWhileOthersAreTypedIsBlocked() {
        List<PumpingJudgement.Block> blocks = PumpingJudgement.judge(List.of(
                new PrefixTexts("+447700", "GB", 40, 0),
                new PrefixTexts("+12025", "US", 12, 11),
                new PrefixTexts("+614915", "AU", 8, 7)), true, RULES);
        assertEquals(List.of("+447700"), blocks.stream().map(PumpingJudgement.Block::prefix).toList());
        assertEquals("40 texts, 0 codes used (0 %), while other numbers' codes were used 90 % of the time", blocks.get(0).reason());
    }

    @Test
    void anOutageWhereNobodysCodesAreTypedBlocksNothing() {
        assertEquals(List.of(), PumpingJudgement.judge(List.of(
                new PrefixTexts("+447700", "GB", 40, 1),
                new PrefixTexts("+12025", "US", 30, 2),
                new PrefixTexts("+614915", "AU", 25, 0)), true, RULES));
    }

    @Test
    void nothingIsBlockedWhileTheChannelIsNotHealthy() {
        assertEquals(List.of(), PumpingJudgement.judge(List.of(
                new PrefixTexts("+447700", "GB", 40, 0),
                new PrefixTexts("+12025", "US", 30, 29)), false, RULES));
    }

    @Test
    void tooFewTextsToJudgeAndOrdinaryMissesAreNotPumping() {
        assertEquals(List.of(), PumpingJudgement.judge(List.of(
                new PrefixTexts("+447700", "GB", 9, 0),
                new PrefixTexts("+12025", "US", 30, 29)), true, RULES), "nine texts are too few to tell");
        assertEquals(List.of(), PumpingJudgement.judge(List.of(
                new PrefixTexts("+447700", "GB", 40, 25),
                new PrefixTexts("+12025", "US", 30, 29)), true, RULES), "62 % used is people, just slower");
        assertEquals(List.of(), PumpingJudgement.judge(List.of(
                new PrefixTexts("+447700", "GB", 40, 0),
                new PrefixTexts("+12025", "US", 5, 5)), true, RULES), "too few other texts to compare with");
    }
}
