package dev.lifeline.auth.domain;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the request being served came from (the gateway's {@code X-Forwarded-For}), for the rules
 * that key on it: staff password failures, texts per client address. Set by the API layer for every
 * request; "unknown" outside one.
 */
@RequestScoped
public class RequestOrigin {

    private String clientAddress = "unknown";

    public String clientAddress() {
        return clientAddress;
    }

    public void setClientAddress(String clientAddress) {
        this.clientAddress = clientAddress;
    }
}
