package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.DomainError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every (status, action) pair, legal or not; no Quarkus. */
@Tag("unit")
class TicketLifecycleTest {

    @Test
    void everyPairOutsideTheTableIsRefusedWith409AndEveryPairInItLeadsWhereItSays() {
        List<RecoveryTicketStatus> from = new ArrayList<>(Arrays.asList(RecoveryTicketStatus.values()));
        from.add(null);
        int legal = 0;
        int refused = 0;
        for (RecoveryTicketStatus status : from) {
            for (TicketLifecycle.Action action : TicketLifecycle.Action.values()) {
                Optional<TicketLifecycle.Transition> allowed = TicketLifecycle.TABLE.stream()
                        .filter(t -> t.from() == status && t.action() == action).findFirst();
                if (allowed.isPresent()) {
                    assertEquals(allowed.get().to(), TicketLifecycle.next(status, action));
                    legal++;
                } else {
                    DomainError refusal = assertThrows(DomainError.Conflict.class, () -> TicketLifecycle.next(status, action),
                            status + " + " + action);
                    assertEquals("illegal_transition", refusal.code());
                    refused++;
                }
            }
        }
        assertEquals(TicketLifecycle.TABLE.size(), legal);
        assertEquals(8 * 8 - TicketLifecycle.TABLE.size(), refused);
    }

    @Test
    void finalStatusesAllowNothing() {
        for (RecoveryTicketStatus done : List.of(RecoveryTicketStatus.COMPLETED, RecoveryTicketStatus.CANCELLED, RecoveryTicketStatus.REJECTED)) {
            assertTrue(TicketLifecycle.TABLE.stream().noneMatch(t -> t.from() == done), done + " is final");
        }
    }

    @Test
    void theDiagramInTheDocsIsTheTable() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "recovery-tickets.md"));
        for (TicketLifecycle.Transition t : TicketLifecycle.TABLE) {
            String line = (t.from() == null ? "[*]" : t.from().name()) + " --> " + t.to().name() + " : " + t.action().label();
            assertTrue(docs.contains(line), "docs/recovery-tickets.md lacks \"" + line + "\"");
        }
        assertEquals(TicketLifecycle.TABLE.size(), docs.lines().filter(l -> l.contains(" --> ")).count(),
                "the diagram has a transition the table does not");
    }
}
