package dev.lifeline.devstack.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * A real SMTP server (GreenMail) that keeps every email it is sent, so the local stack and the
 * tests can read what Lifeline told people: {@code GET /sim/mail?to=...} on the simulator.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;

    private MailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** @param port the SMTP port, or 0 for a free one */
    public static MailServer start(int port) {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            smtp = smtp.dynamicPort();
        }
        GreenMail greenMail = new GreenMail(smtp);
        greenMail.start();
        return new MailServer(greenMail);
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public record Mail(List<String> to, String from, String subject, String text) {
    }

    /** Every email received with {@code to} among its recipients (all of them when null), oldest first. */
    public List<Mail> receivedBy(String to) {
        List<Mail> mails = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                // the server keeps a copy per recipient's mailbox: one email is one message id
                if (!seen.add(message.getMessageID())) {
                    continue;
                }
                List<String> recipients = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .map(Address::toString).toList();
                if (to == null || recipients.stream().anyMatch(r -> r.equalsIgnoreCase(to))) {
                    mails.add(new Mail(recipients, message.getFrom()[0].toString(), message.getSubject(),
                            text(message).replace("\r\n", "\n")));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException("an email the server kept cannot be read", e);
            }
        }
        return mails;
    }

    /**
     * The text as its reader sees it: a plain-text body decoded from its transfer encoding (an email
     * with a character outside ASCII travels as quoted-printable, where "=" is "=3D" and long lines break).
     */
    private static String text(MimeMessage message) throws MessagingException {
        try {
            return message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message);
        } catch (java.io.IOException e) {
            throw new MessagingException("the body cannot be read", e);
        }
    }

    /** {@code GET /sim/mail?to=} and {@code DELETE /sim/mail} on the simulator's HTTP server. */
    public void serveInbox(Router router) {
        router.get("/sim/mail").handler(this::list);
        router.delete("/sim/mail").handler(ctx -> {
            try {
                greenMail.purgeEmailFromAllMailboxes();
                ctx.response().setStatusCode(204).end();
            } catch (FolderException e) {
                ctx.fail(e);
            }
        });
    }

    private void list(RoutingContext ctx) {
        JsonArray body = new JsonArray();
        for (Mail mail : receivedBy(ctx.queryParams().get("to"))) {
            body.add(new JsonObject().put("to", new JsonArray(mail.to())).put("from", mail.from())
                    .put("subject", mail.subject()).put("text", mail.text()));
        }
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
