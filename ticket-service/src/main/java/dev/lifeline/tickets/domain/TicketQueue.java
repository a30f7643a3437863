package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.DomainError;
import dev.lifeline.tickets.persistence.Ticket;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The agents' queue for a busy day: filtered, searched and cut into pages, each page one SQL query
 * (the counts of approvals and live requests come along as subqueries). Pages are keyset pages on the
 * queue's own order (priority, then due time, then id): a cursor names the last row seen, so a page
 * costs the same on page 1 and page 100 and nothing is skipped or repeated while tickets come and go.
 */
@ApplicationScoped
public class TicketQueue {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    @Inject
    Clock clock;

    /** {@code search}: a ticket id, or the start of a username. */
    public record Filter(Set<RecoveryTicketStatus> statuses, Integer priority, boolean overdueOnly, String search) {
    }

    /** {@code next}: the cursor of the following page, null on the last one. */
    public record Page(List<TicketViews.Summary> items, String next) {
    }

    /** The last row of a page, in the queue's order. */
    record Cursor(int priority, Instant dueBy, UUID id) {

        String encode() {
            String raw = priority + "|" + dueBy + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Integer.parseInt(parts[0]), Instant.parse(parts[1]), UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new DomainError.Invalid("invalid_cursor", "That page cursor is not one this queue gave out; start from the first page.");
            }
        }
    }

    @Transactional
    public Page page(Filter filter, String after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainError.Invalid("invalid_limit", "A page holds 1 to " + MAX_LIMIT + " tickets.");
        }
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("""
                SELECT t.id, t.status, t.priority, t.due_by, t.username, t.opened_at, t.claimed_by, t.claim_expires_at,
                       (SELECT count(*) FROM ticket_approval a WHERE a.ticket_id = t.id),
                       (SELECT count(*) FROM ticket_request r WHERE r.ticket_id = t.id AND r.withdrawn_at IS NULL)
                FROM ticket t WHERE t.status IN (:statuses)""");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        if (filter.priority() != null) {
            sql.append(" AND t.priority = :priority");
            parameters.put("priority", filter.priority());
        }
        if (filter.overdueOnly()) {
            sql.append(" AND t.status IN ('OPEN', 'CLAIMED') AND t.due_by < :now");
            parameters.put("now", now);
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String search = filter.search().strip().toLowerCase(Locale.ROOT);
            sql.append(" AND (t.username LIKE :prefix ESCAPE '\\' OR CAST(t.id AS text) = :search)");
            parameters.put("prefix", search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            parameters.put("search", search);
        }
        if (after != null && !after.isBlank()) {
            Cursor cursor = Cursor.decode(after);
            sql.append(" AND (t.priority, t.due_by, t.id) > (:afterPriority, :afterDueBy, :afterId)");
            parameters.put("afterPriority", cursor.priority());
            parameters.put("afterDueBy", cursor.dueBy());
            parameters.put("afterId", cursor.id());
        }
        sql.append(" ORDER BY t.priority, t.due_by, t.id LIMIT :limit");
        parameters.put("limit", limit + 1);
        Query query = Panache.getEntityManager().createNativeQuery(sql.toString());
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<TicketViews.Summary> items = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(rows.size(), limit))) {
            items.add(summary(row, now));
        }
        String next = rows.size() > limit
                ? new Cursor(items.get(limit - 1).priority(), items.get(limit - 1).dueBy(), items.get(limit - 1).id()).encode()
                : null;
        return new Page(items, next);
    }

    private static TicketViews.Summary summary(Object[] row, Instant now) {
        RecoveryTicketStatus status = RecoveryTicketStatus.valueOf((String) row[1]);
        Instant dueBy = instant(row[3]);
        Instant claimExpires = instant(row[7]);
        boolean claimLive = Ticket.claimIsLive(claimExpires, now);
        return new TicketViews.Summary((UUID) row[0], status, ((Number) row[2]).intValue(), dueBy,
                Ticket.isOverdue(status, dueBy, now), (String) row[4], instant(row[5]),
                claimLive ? (String) row[6] : null, claimLive ? claimExpires : null,
                ((Number) row[8]).intValue(), ((Number) row[9]).intValue());
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
