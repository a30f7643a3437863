package dev.lifeline.devstack.mail;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dev stack's mailbox shows what a reader sees, whatever transfer encoding the mail came in. */
class MailServerTest {

    @Test
    void aQuotedPrintableBodyIsReadDecoded() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (MailServer server = MailServer.start(port)) {
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(port));
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress("lifeline@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ana@example.org"));
            message.setSubject("A link");
            String text = "Set a new one here … http://localhost:8080/reset-password#" + "x".repeat(60) + "=end";
            message.setText(text, "UTF-8");
            message.setHeader("Content-Transfer-Encoding", "quoted-printable");
            Transport.send(message);

            List<MailServer.Mail> received = server.receivedBy("ana@example.org");
            assertEquals(1, received.size());
            // on the wire "=" was "=3D" and the long line was broken: the reader sees neither
            assertEquals(text, received.get(0).text());
        }
    }
}
