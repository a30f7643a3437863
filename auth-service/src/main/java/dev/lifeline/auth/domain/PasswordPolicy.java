package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.problem.DomainError;
import jakarta.enterprise.context.ApplicationScoped;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Passwords in the spirit of NIST SP 800-63B: long enough, not too long to hash, and not guessable:
 * no common or breached-style passwords, keyboard walks, repeats, or the user's own names (nbvcxz,
 * a port of Dropbox's zxcvbn with its dictionaries). No composition rules.
 */
@ApplicationScoped
public class PasswordPolicy {

    private static final List<Dictionary> COMMON = ConfigurationBuilder.getDefaultDictionaries();

    private final AuthConfig.Password config;

    public PasswordPolicy(AuthConfig config) {
        this.config = config.password();
    }

    public void check(String password, String username, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < config.minLength()) {
            throw new DomainError.Invalid("password_too_short",
                    "Use a password of at least " + config.minLength() + " characters; a few words make a good one.");
        }
        if (length > config.maxLength()) {
            throw new DomainError.Invalid("password_too_long", "Use a password of at most " + config.maxLength() + " characters.");
        }
        Result estimate = estimator(username, email).estimate(password);
        if (!estimate.isMinimumEntropyMet()) {
            String warning = estimate.getFeedback().getWarning();
            throw new DomainError.Invalid("password_too_common",
                    "This password is too easy to guess" + (warning == null || warning.isBlank() ? "." : ": " + warning));
        }
    }

    private Nbvcxz estimator(String username, String email) {
        List<Dictionary> dictionaries = new ArrayList<>(COMMON);
        List<String> ownWords = new ArrayList<>(List.of("lifeline", username.toLowerCase(Locale.ROOT)));
        if (email != null && email.contains("@")) {
            ownWords.add(email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT));
        }
        dictionaries.add(new DictionaryBuilder().setDictionaryName("user").setExclusion(false).addWords(ownWords, 0).createDictionary());
        return new Nbvcxz(new ConfigurationBuilder()
                .setDictionaries(dictionaries)
                .setMinimumEntropy(config.minEntropyBits())
                .createConfiguration());
    }
}
