package dev.lifeline.auth.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.problem.DomainError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Phone numbers as libphonenumber sees them: validated, normalised to E.164, masked for display. */
@ApplicationScoped
public class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberUtil.PhoneNumberType> CAN_RECEIVE_SMS = EnumSet.of(
            PhoneNumberUtil.PhoneNumberType.MOBILE, PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE);

    /**
     * Ranges set aside for fiction and testing (Ofcom's 07700 900000-900999, North America's
     * 555-0100-0199, ACMA's 0491 570 xxx): never assigned, so libphonenumber may call them invalid,
     * yet they are what examples, tests, drills and the local stack use, in three countries.
     */
    private static final Pattern FICTIONAL = Pattern.compile("\\+447700900[0-9]{3}|\\+1[2-9][0-9]{2}55501[0-9]{2}|\\+61491570[0-9]{3}");

    private final boolean acceptFictional;

    public PhoneNumbers(AuthConfig config) {
        this.acceptFictional = config.acceptFictionalPhoneNumbers();
    }

    /** The E.164 form of a number written in international format ("+44 7700 900123"). */
    public String toE164(String input) {
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(input, "ZZ");
        } catch (NumberParseException e) {
            throw new DomainError.Invalid("invalid_phone", "Write the phone number in international format, starting with + and the country code.");
        }
        String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        if (acceptFictional && FICTIONAL.matcher(e164).matches()) {
            return e164;
        }
        if (!UTIL.isValidNumber(number)) {
            throw new DomainError.Invalid("invalid_phone", "This is not a valid phone number.");
        }
        if (!CAN_RECEIVE_SMS.contains(UTIL.getNumberType(number))) {
            throw new DomainError.Invalid("phone_cannot_receive_sms", "Use a mobile number: this one cannot receive text messages.");
        }
        return e164;
    }
}
