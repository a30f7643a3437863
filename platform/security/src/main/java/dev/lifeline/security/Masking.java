package dev.lifeline.security;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * How personal data is shown where it must not be readable in full: agents' evidence, notices to old
 * addresses, the phone on a sign-in page, every log line that names a phone.
 */
public final class Masking {

    private Masking() {
    }

    /** "+447700900123" → "+44•••••••123": enough for a person to recognise their phone, and no more. */
    public static String phone(String e164) {
        if (e164 == null) {
            return null;
        }
        String countryCode;
        try {
            countryCode = "+" + PhoneNumberUtil.getInstance().parse(e164, "ZZ").getCountryCode();
        } catch (NumberParseException notAPhoneNumber) {
            countryCode = "";
        }
        int shown = Math.min(3, e164.length());
        int hidden = Math.max(0, e164.length() - countryCode.length() - shown);
        return countryCode + "•".repeat(Math.max(hidden, 3)) + e164.substring(e164.length() - shown);
    }

    /** Enough to recognise an address ("j•••@example.org"), not enough to write to it. */
    public static String email(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "•••" : email.charAt(0) + "•••" + email.substring(at);
    }
}
