package io.github.wsbridge.internal;

import io.github.wsbridge.internal.BasicUrlParser.Failure;

import java.net.IDN;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The URL Standard's "domain parser ToASCII" with beStrict false (§3.3 "IDNA"), for a domain that is not ASCII:
 * UTS #46 ToASCII with CheckHyphens=false, CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=false,
 * Transitional_Processing=false, VerifyDnsLength=false and IgnoreInvalidPunycode=false.
 *
 * <p>The JDK has no UTS #46, so its processing steps are written here: map, normalize (NFC), break into labels,
 * convert and validate each label (Punycode per RFC 3492, the validity criteria, CheckJoiners per RFC 5892
 * appendix A.1-A.2), CheckBidi (RFC 5893 §2), and the conversion to ASCII. The one thing the JDK lacks is the
 * UTS #46 mapping table; {@link #map} derives each code point's status and mapping from JDK data:
 * <ul>
 *   <li>ASCII: lowercased (with UseSTD3ASCIIRules=false every ASCII code point is valid);</li>
 *   <li>the deviation characters ß, ς, ZWNJ and ZWJ: kept, as non-transitional processing does;</li>
 *   <li>the code points UTS #46 (15.1 and later) marks "ignored": removed; U+3002, U+FF0E, U+FF61: mapped to ".";</li>
 *   <li>code points unassigned in the JDK's Unicode version, private-use code points, surrogates and format
 *       characters (General_Category Cf): disallowed;</li>
 *   <li>everything else: NFKC, then IDNA2003 Nameprep ({@link IDN}: Unicode 3.2 case folding and NFKC; what it
 *       prohibits is disallowed) of each resulting code point, then simple case folding with the JDK's newer Unicode
 *       data (for case pairs added after 3.2), then NFKC again; a result containing a full stop is disallowed.</li>
 * </ul>
 * On JDK 17 this matches the UTS #46 17.0 table (status and mapping, without STD3 rules) for every code point
 * JDK 17 knows, checked exhaustively while it was written. Code points assigned after the JDK's Unicode version
 * (13.0 for JDK 17) are rejected, although UTS #46 may allow or map them.
 *
 * <p>One approximation remains: for ZWNJ, the Joining_Type rule of CheckJoiners accepts a ZWNJ between two letters
 * of a cursive-joining script (Arabic, Syriac, N'Ko, Mongolian, ...), skipping transparent marks, without
 * checking that the letter before can join to the left and the one after to the right (the JDK has no
 * Joining_Type data). The virama rule is exact.
 */
final class Idna {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private Idna() {
    }

    /** UTS #46 ToASCII as the URL Standard calls it (beStrict false), for a non-ASCII domain. */
    static String toAscii(String domain, String input) throws Failure {
        // 1. Map: each code point of the domain name according to its status in the IDNA mapping table.
        StringBuilder mapped = new StringBuilder(domain.length());
        for (int cp : domain.codePoints().toArray()) {
            mapped.append(map(cp, input));
        }
        // 2. Normalize: to Unicode Normalization Form C.
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFC);
        // 3. Break: into labels at U+002E FULL STOP.
        List<String> labels = HostParser.strictlySplit(normalized, '.');
        // 4. Convert/Validate each label.
        List<String> unicodeLabels = new ArrayList<>(labels.size());
        StringBuilder ascii = new StringBuilder(normalized.length() + 16);
        for (int index = 0; index < labels.size(); index++) {
            String label = labels.get(index);
            String unicode = label;
            if (label.startsWith("xn--")) {
                // 4.1. A label that starts with "xn--" must be ASCII Punycode of a non-empty, non-ASCII label.
                if (!isAscii(label)) {
                    throw failure(input, "a label starts with \"xn--\" but is not ASCII");
                }
                unicode = punycodeDecode(label.substring(4));
                if (unicode == null || unicode.isEmpty() || isAscii(unicode)) {
                    throw failure(input, "the label \"" + label + "\" is not valid Punycode");
                }
                // 4.2. ... and its code points must all be valid (mapping them changes nothing), in NFC.
                StringBuilder remapped = new StringBuilder();
                for (int cp : unicode.codePoints().toArray()) {
                    remapped.append(map(cp, input));
                }
                if (!remapped.toString().equals(unicode) || !Normalizer.isNormalized(unicode, Normalizer.Form.NFC)
                        || unicode.startsWith("xn--")) {
                    throw failure(input, "the label \"" + label + "\" decodes to a label that is not valid");
                }
            }
            checkValidity(unicode, input);
            unicodeLabels.add(unicode);
            if (index > 0) {
                ascii.append('.');
            }
            // ToASCII step 2: convert each label with non-ASCII characters to Punycode, prefixed with "xn--".
            ascii.append(isAscii(unicode) ? unicode : "xn--" + punycodeEncode(unicode));
        }
        checkBidi(unicodeLabels, input);
        return ascii.toString();
    }

    /** The UTS #46 mapping of one code point, derived from JDK data (see the class comment). */
    static String map(int cp, String input) throws Failure {
        if (cp < 0x80) {
            return String.valueOf(Character.toLowerCase((char) cp));
        }
        if (cp == 0x00DF || cp == 0x03C2 || cp == ZWNJ || cp == ZWJ || cp == 0x1806) {
            // Deviations, kept by non-transitional processing. (U+1806 is valid in UTS #46; Nameprep drops it.)
            return new String(Character.toChars(cp));
        }
        if (isIgnored(cp)) {
            return "";
        }
        if (cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61) {
            return ".";
        }
        int type = Character.getType(cp);
        if (!Character.isDefined(cp) || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.FORMAT) {
            throw disallowed(cp, input);
        }
        // NFKC first, with the JDK's data (which has the corrections made after Unicode 3.2), then Nameprep each
        // resulting code point on its own (so that IDNA2003's bidi rule, which UTS #46 replaces with RFC 5893, does
        // not apply to the pieces of one decomposition), then case-fold what Unicode 3.2 could not.
        StringBuilder folded = new StringBuilder();
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        for (int c : decomposed.codePoints().toArray()) {
            String nameprepped;
            try {
                String ace = IDN.toASCII(new String(Character.toChars(c)), IDN.ALLOW_UNASSIGNED);
                nameprepped = IDN.toUnicode(ace, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException prohibited) {
                throw disallowed(cp, input);
            }
            nameprepped.codePoints().forEach(p -> folded.appendCodePoint(simpleCaseFold(p)));
        }
        String result = Normalizer.normalize(folded, Normalizer.Form.NFKC);
        if (result.indexOf('.') >= 0 || result.indexOf('\u3002') >= 0) {
            // NFKC makes a full stop of a few symbols (U+2024 ONE DOT LEADER, U+FE12, ...); UTS #46 disallows them.
            throw disallowed(cp, input);
        }
        return result;
    }

    private static Failure disallowed(int cp, String input) {
        return failure(input, "it contains " + BasicUrlParser.describeCodePoint(cp) + ", not allowed in a domain");
    }

    /**
     * Simple case folding from the JDK's Unicode data: lowercase of uppercase, which also folds lowercase variants
     * such as U+1C80 CYRILLIC SMALL LETTER ROUNDED VE. Exceptions: U+0131 (dotless i, which case folding keeps) and
     * Cherokee (which case-folds to uppercase).
     */
    private static int simpleCaseFold(int c) {
        if (c == 0x0131) {
            return c;
        }
        if (Character.UnicodeScript.of(c) == Character.UnicodeScript.CHEROKEE) {
            return Character.toUpperCase(c);
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** The code points UTS #46 (15.1 and later) maps to nothing ("ignored"). */
    private static boolean isIgnored(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF
                || cp == 0xFFA0 || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** UTS #46 §4.1 validity criteria that apply here (NFC and mapping are ensured by the caller) and CheckJoiners. */
    private static void checkValidity(String label, String input) throws Failure {
        if (label.isEmpty()) {
            return;
        }
        int[] cps = label.codePoints().toArray();
        // 6. The label must not begin with a combining mark, that is: General_Category=Mark.
        if (isMark(cps[0])) {
            throw failure(input, "a label begins with the combining mark " + BasicUrlParser.describeCodePoint(cps[0]));
        }
        // 7. CheckJoiners: the label must satisfy the ContextJ rules of RFC 5892 appendix A.
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] != ZWNJ && cps[i] != ZWJ) {
                continue;
            }
            // A.1/A.2: if Canonical_Combining_Class(Before(cp)) is Virama, then true.
            if (i > 0 && isVirama(cps[i - 1])) {
                continue;
            }
            // A.1 only: (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D}).
            if (cps[i] == ZWNJ) {
                int before = i - 1;
                while (before >= 0 && isTransparent(cps[before])) {
                    before--;
                }
                int after = i + 1;
                while (after < cps.length && isTransparent(cps[after])) {
                    after++;
                }
                if (before >= 0 && after < cps.length && isJoiningLetter(cps[before]) && isJoiningLetter(cps[after])) {
                    continue;
                }
            }
            throw failure(input, "it has a zero width " + (cps[i] == ZWJ ? "joiner" : "non-joiner")
                    + " where IDNA does not allow one");
        }
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * Canonical_Combining_Class(cp) == 9 (Virama). The JDK does not expose combining classes, but canonical
     * ordering does: NFD puts a mark after U+3099 (class 8) only if its class is greater than 8, and before U+05B0
     * (class 10) only if its class is less than 10.
     */
    private static boolean isVirama(int cp) {
        String mark = new String(Character.toChars(cp));
        if (!Normalizer.normalize(mark, Normalizer.Form.NFD).equals(mark)) {
            return false;
        }
        boolean above8 = Normalizer.normalize("a" + mark + "\u3099", Normalizer.Form.NFD).equals("a\u3099" + mark);
        boolean below10 = Normalizer.normalize("a\u05B0" + mark, Normalizer.Form.NFD).equals("a" + mark + "\u05B0");
        return above8 && below10;
    }

    /** Joining_Type T (transparent), approximated by General_Category Mn, Me or Cf. */
    private static boolean isTransparent(int cp) {
        int type = Character.getType(cp);
        return cp != ZWNJ && cp != ZWJ
                && (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT);
    }

    /** Joining_Type D, L or R, approximated by "a letter of a cursive-joining script". */
    private static boolean isJoiningLetter(int cp) {
        if (!Character.isLetter(cp)) {
            return false;
        }
        return switch (Character.UnicodeScript.of(cp)) {
            case ARABIC, SYRIAC, NKO, MONGOLIAN, MANDAIC, MANICHAEAN, PSALTER_PAHLAVI, PHAGS_PA, ADLAM, HANIFI_ROHINGYA,
                    SOGDIAN, CHORASMIAN -> true;
            default -> false;
        };
    }

    // Bidi_Class values, named as RFC 5893 names them.
    private static final byte L = Character.DIRECTIONALITY_LEFT_TO_RIGHT;
    private static final byte R = Character.DIRECTIONALITY_RIGHT_TO_LEFT;
    private static final byte AL = Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    private static final byte AN = Character.DIRECTIONALITY_ARABIC_NUMBER;
    private static final byte EN = Character.DIRECTIONALITY_EUROPEAN_NUMBER;
    private static final byte ES = Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR;
    private static final byte CS = Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR;
    private static final byte ET = Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR;
    private static final byte ON = Character.DIRECTIONALITY_OTHER_NEUTRALS;
    private static final byte BN = Character.DIRECTIONALITY_BOUNDARY_NEUTRAL;
    private static final byte NSM = Character.DIRECTIONALITY_NONSPACING_MARK;

    /**
     * CheckBidi: if the domain name is a Bidi domain name (it has a code point of Bidi_Class R, AL or AN), every
     * label must satisfy the six conditions of the Bidi Rule (RFC 5893 §2).
     */
    private static void checkBidi(List<String> labels, String input) throws Failure {
        boolean bidiDomainName = labels.stream().flatMapToInt(String::codePoints).anyMatch(cp -> {
            byte d = Character.getDirectionality(cp);
            return d == R || d == AL || d == AN;
        });
        if (!bidiDomainName) {
            return;
        }
        for (String label : labels) {
            if (!label.isEmpty() && !satisfiesBidiRule(label)) {
                throw failure(input, "the label \"" + label + "\" breaks the bidi rule (RFC 5893)");
            }
        }
    }

    private static boolean satisfiesBidiRule(String label) {
        int[] cps = label.codePoints().toArray();
        byte[] bidi = new byte[cps.length];
        for (int i = 0; i < cps.length; i++) {
            bidi[i] = Character.getDirectionality(cps[i]);
        }
        // 1. The first character must be a character with Bidi property L, R, or AL. R or AL: an RTL label.
        boolean rtl = bidi[0] == R || bidi[0] == AL;
        if (!rtl && bidi[0] != L) {
            return false;
        }
        boolean hasEn = false;
        boolean hasAn = false;
        for (byte d : bidi) {
            hasEn |= d == EN;
            hasAn |= d == AN;
            boolean common = d == EN || d == ES || d == CS || d == ET || d == ON || d == BN || d == NSM;
            // 2. In an RTL label, only characters with the Bidi properties R, AL, AN, EN, ES, CS, ET, ON, BN, NSM.
            // 5. In an LTR label, only characters with the Bidi properties L, EN, ES, CS, ET, ON, BN, NSM.
            if (!common && !(rtl ? d == R || d == AL || d == AN : d == L)) {
                return false;
            }
        }
        int last = bidi.length - 1;
        while (last > 0 && bidi[last] == NSM) {
            last--;
        }
        byte end = bidi[last];
        if (rtl) {
            // 3. The end of an RTL label must be R, AL, EN or AN, followed by zero or more NSM.
            // 4. In an RTL label, if an EN is present, no AN may be present, and vice versa.
            return (end == R || end == AL || end == EN || end == AN) && !(hasEn && hasAn);
        }
        // 6. The end of an LTR label must be L or EN, followed by zero or more NSM.
        return end == L || end == EN;
    }

    // --- Punycode (RFC 3492) ----------------------------------------------------------------------------------

    private static final int BASE = 36;
    private static final int T_MIN = 1;
    private static final int T_MAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 0x80;

    /** RFC 3492 §6.3 encoding procedure (without the "xn--" prefix). */
    static String punycodeEncode(String label) {
        int[] input = label.codePoints().toArray();
        StringBuilder output = new StringBuilder();
        for (int c : input) {
            if (c < 0x80) {
                output.append((char) c);
            }
        }
        int b = output.length();
        int h = b;
        if (b > 0) {
            output.append('-');
        }
        int n = INITIAL_N;
        long delta = 0;
        int bias = INITIAL_BIAS;
        while (h < input.length) {
            int m = Integer.MAX_VALUE;
            for (int c : input) {
                if (c >= n && c < m) {
                    m = c;
                }
            }
            delta += (long) (m - n) * (h + 1);
            n = m;
            for (int c : input) {
                if (c < n) {
                    delta++;
                }
                if (c == n) {
                    long q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = threshold(k, bias);
                        if (q < t) {
                            break;
                        }
                        output.append(encodeDigit((int) (t + (q - t) % (BASE - t))));
                        q = (q - t) / (BASE - t);
                    }
                    output.append(encodeDigit((int) q));
                    bias = adapt(delta, h + 1, h == b);
                    delta = 0;
                    h++;
                }
            }
            delta++;
            n++;
        }
        return output.toString();
    }

    /** RFC 3492 §6.2 decoding procedure; null on failure (bad digit, overflow, or an invalid code point). */
    static String punycodeDecode(String encoded) {
        List<Integer> output = new ArrayList<>();
        int delimiter = encoded.lastIndexOf('-');
        for (int j = 0; j < Math.max(delimiter, 0); j++) {
            output.add((int) encoded.charAt(j));
        }
        int n = INITIAL_N;
        long i = 0;
        int bias = INITIAL_BIAS;
        for (int in = delimiter > 0 ? delimiter + 1 : 0; in < encoded.length(); ) {
            long oldi = i;
            long w = 1;
            for (int k = BASE; ; k += BASE) {
                if (in >= encoded.length()) {
                    return null;
                }
                int digit = decodeDigit(encoded.charAt(in++));
                if (digit < 0) {
                    return null;
                }
                i += digit * w;
                if (i > Integer.MAX_VALUE) {
                    return null;
                }
                int t = threshold(k, bias);
                if (digit < t) {
                    break;
                }
                w *= BASE - t;
                if (w > Integer.MAX_VALUE) {
                    return null;
                }
            }
            int size = output.size() + 1;
            bias = adapt(i - oldi, size, oldi == 0);
            long next = n + i / size;
            if (next > Character.MAX_CODE_POINT || (next >= 0xD800 && next <= 0xDFFF)) {
                return null;
            }
            n = (int) next;
            i %= size;
            output.add((int) i, n);
            i++;
        }
        StringBuilder s = new StringBuilder(output.size());
        output.forEach(s::appendCodePoint);
        return s.toString();
    }

    private static int threshold(int k, int bias) {
        return k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
    }

    private static char encodeDigit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    private static int decodeDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        return -1;
    }

    private static int adapt(long delta, int numPoints, boolean firstTime) {
        delta = firstTime ? delta / DAMP : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        return (int) (k + (BASE - T_MIN + 1) * delta / (delta + SKEW));
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static Failure failure(String input, String why) {
        return new Failure("domain-to-ASCII", "host \"" + input + "\" is not a valid domain: " + why);
    }
}
