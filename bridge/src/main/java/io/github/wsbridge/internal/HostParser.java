package io.github.wsbridge.internal;

import io.github.wsbridge.internal.BasicUrlParser.Failure;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The URL Standard's §3 "Hosts (domains and IP addresses)": the host parser (§3.5) with its IPv4, IPv6 and
 * opaque-host parsers, the domain parser (§3.3 "IDNA"), and the host serializer (§3.6).
 *
 * <p>A host is handed around as its serialization (a domain, {@code "1.2.3.4"}, {@code "[::1]"}, an opaque host,
 * or the empty host), because that is all the URL record needs: the serializers of IPv4 and IPv6 addresses are
 * canonical, so no information is lost.
 *
 * <p>The domain parser's UTS #46 processing of non-ASCII domains is in {@link Idna}.
 */
final class HostParser {

    private HostParser() {
    }

    /**
     * The "host parser": {@code isOpaque} is true when the URL is not special. Returns the serialized host.
     */
    static String parse(String input, boolean isOpaque) throws Failure {
        // 1. If input starts with "[": it must end with "]", and the inside is an IPv6 address.
        if (input.startsWith("[")) {
            if (!input.endsWith("]")) {
                throw new Failure("IPv6-unclosed", "the IPv6 address in host \"" + input + "\" lacks its \"]\"");
            }
            return "[" + serializeIpv6(parseIpv6(input.substring(1, input.length() - 1))) + "]";
        }
        // 2. If isOpaque is true, return the result of opaque-host parsing input.
        if (isOpaque) {
            return parseOpaqueHost(input);
        }
        // 3. Assert: input is not the empty string (the callers make sure).
        // 4.-5. Let domain be the UTF-8 decode without BOM of the percent-decoding of input.
        String domain = utf8DecodeWithoutBom(PercentEncoding.percentDecode(input));
        // 6.-7. Let asciiDomain be the result of running the domain parser with domain and false.
        String asciiDomain = domainParser(domain, input);
        // 8. If asciiDomain ends in a number, return the result of IPv4 parsing asciiDomain.
        if (endsInANumber(asciiDomain)) {
            return serializeIpv4(parseIpv4(asciiDomain));
        }
        // 9. Return asciiDomain.
        return asciiDomain;
    }

    /** "UTF-8 decode without BOM": invalid sequences become U+FFFD (which the domain parser then rejects). */
    private static String utf8DecodeWithoutBom(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError(e); // cannot happen with REPLACE
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // §3.3 IDNA: the domain parser, with beStrict false.

    /** The "domain parser" given domain and beStrict = false. {@code input} is only used in messages. */
    static String domainParser(String domain, String input) throws Failure {
        // 1.-3. (The strict run of domain parser ToASCII only reports validation errors; it is skipped.)
        String result;
        if (isAscii(domain)) {
            // 5. If domain is an ASCII string, then set result to domain, lowercased.
            result = domain.toLowerCase(Locale.ROOT);
        } else {
            // 6. Otherwise, set result to the result of running domain parser ToASCII with domain and false.
            result = Idna.toAscii(domain, input);
        }
        // 7. If result is the empty string, then return failure.
        if (result.isEmpty()) {
            throw new Failure("domain-to-ASCII", "host \"" + input + "\" is empty once converted to ASCII");
        }
        // 8. If result contains a forbidden domain code point, then return failure.
        for (int i = 0; i < result.length(); i++) {
            char c = result.charAt(i);
            if (isForbiddenDomainCodePoint(c)) {
                throw new Failure("domain-invalid-code-point",
                        "host \"" + input + "\" contains the forbidden code point "
                                + BasicUrlParser.describeCodePoint(c));
            }
        }
        return result;
    }

    /** A "forbidden host code point". */
    static boolean isForbiddenHostCodePoint(int c) {
        return switch (c) {
            case 0x00, 0x09, 0x0A, 0x0D, ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|' -> true;
            default -> false;
        };
    }

    /** A "forbidden domain code point": a forbidden host code point, a C0 control, U+0025 (%), or U+007F DELETE. */
    static boolean isForbiddenDomainCodePoint(int c) {
        return isForbiddenHostCodePoint(c) || c <= 0x1F || c == '%' || c == 0x7F;
    }

    // ---------------------------------------------------------------------------------------------------------
    // §3.5 IPv4.

    /** The "ends in a number checker". */
    static boolean endsInANumber(String input) {
        // 2. Let parts be the result of strictly splitting input on U+002E (.).
        List<String> parts = strictlySplit(input, '.');
        // 3. If the last item in parts is the empty string, then remove the last item from parts.
        if (parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
            if (parts.isEmpty()) {
                return false;
            }
        }
        // 4. Let last be the last item in parts.
        String last = parts.get(parts.size() - 1);
        // 5. If last is non-empty and contains only ASCII digits, then return true.
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        // 6. If parsing last as an IPv4 number does not return failure, then return true.
        return parseIpv4Number(last) >= 0;
    }

    /** The "IPv4 parser". Returns the address as an unsigned 32-bit value. */
    static long parseIpv4(String input) throws Failure {
        // 1. Let parts be the result of strictly splitting input on U+002E (.).
        List<String> parts = strictlySplit(input, '.');
        // 2. If the last item in parts is the empty string, remove it (if parts has more than one item).
        if (parts.get(parts.size() - 1).isEmpty() && parts.size() > 1) {
            parts.remove(parts.size() - 1);
        }
        // 4. If parts's size is greater than 4, IPv4-too-many-parts validation error, return failure.
        if (parts.size() > 4) {
            throw new Failure("IPv4-too-many-parts",
                    "host \"" + input + "\" ends in a number but has more than four parts, so it is not IPv4");
        }
        // 5.-6. Parse every part as an IPv4 number; any failure is an IPv4-non-numeric-part failure.
        long[] numbers = new long[parts.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = parseIpv4Number(parts.get(i));
            if (numbers[i] < 0) {
                throw new Failure("IPv4-non-numeric-part",
                        "host \"" + input + "\" ends in a number but is not a valid IPv4 address");
            }
        }
        // 8. If any but the last item in numbers is greater than 255, then return failure.
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) {
                throw new Failure("IPv4-out-of-range-part", "host \"" + input + "\" has an IPv4 part greater than 255");
            }
        }
        // 9. If the last item in numbers is greater than or equal to 256^(5 - numbers's size), return failure.
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * (5 - numbers.length))) {
            throw new Failure("IPv4-out-of-range-part", "host \"" + input + "\" is an IPv4 address out of range");
        }
        // 10.-14. ipv4 = last + sum of numbers[counter] * 256^(3 - counter).
        long ipv4 = last;
        for (int counter = 0; counter < numbers.length - 1; counter++) {
            ipv4 += numbers[counter] << (8 * (3 - counter));
        }
        return ipv4;
    }

    /**
     * The "IPv4 number parser": returns the number, or -1 for failure. Numbers of 2^40 and above are capped
     * there, which changes no outcome (the IPv4 parser rejects anything of 2^32 and above).
     */
    static long parseIpv4Number(String input) {
        // 1. If input is the empty string, then return failure.
        if (input.isEmpty()) {
            return -1;
        }
        int radix = 10;
        // 4. "0x" or "0X": remove it, R = 16. 5. Otherwise a leading "0" of two or more code points: R = 8.
        if (input.length() >= 2 && (input.startsWith("0x") || input.startsWith("0X"))) {
            input = input.substring(2);
            radix = 16;
        } else if (input.length() >= 2 && input.charAt(0) == '0') {
            input = input.substring(1);
            radix = 8;
        }
        // 6. If input is the empty string, then return (0, true).
        if (input.isEmpty()) {
            return 0;
        }
        // 7.-8. Every code point must be a radix-R digit; output is the value.
        long output = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                return -1;
            }
            output = Math.min(output * radix + digit, 1L << 40);
        }
        return output;
    }

    /** The "IPv4 serializer". */
    static String serializeIpv4(long address) {
        StringBuilder output = new StringBuilder(15);
        for (int i = 3; i >= 0; i--) {
            output.append(address >>> (8 * i) & 0xFF);
            if (i != 0) {
                output.append('.');
            }
        }
        return output.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // §3.5 IPv6.

    /** The "IPv6 parser": returns the eight 16-bit pieces. */
    static int[] parseIpv6(String text) throws Failure {
        int[] input = text.codePoints().toArray();
        // 1.-4.
        int[] address = new int[8];
        int pieceIndex = 0;
        int compress = -1;
        int pointer = 0;
        // 5. If c is U+003A (:), then: remaining must start with ":"; skip both, compress = ++pieceIndex.
        if (at(input, pointer) == ':') {
            if (at(input, pointer + 1) != ':') {
                throw ipv6Failure("IPv6-invalid-compression", text);
            }
            pointer += 2;
            pieceIndex++;
            compress = pieceIndex;
        }
        // 6. While c is not the EOF code point:
        while (at(input, pointer) != -1) {
            // 6.1. If pieceIndex is 8, IPv6-too-many-pieces validation error, return failure.
            if (pieceIndex == 8) {
                throw ipv6Failure("IPv6-too-many-pieces", text);
            }
            // 6.2. If c is ":": a second compression is a failure; otherwise record it and continue.
            if (at(input, pointer) == ':') {
                if (compress != -1) {
                    throw ipv6Failure("IPv6-multiple-compression", text);
                }
                pointer++;
                pieceIndex++;
                compress = pieceIndex;
                continue;
            }
            // 6.3.-6.4. Read up to four hex digits into value.
            int value = 0;
            int length = 0;
            while (length < 4 && PercentEncoding.isAsciiHexDigit(at(input, pointer))) {
                value = value * 0x10 + Character.digit(input[pointer], 16);
                pointer++;
                length++;
            }
            // 6.5. If c is ".": an IPv4 address in the last two pieces.
            if (at(input, pointer) == '.') {
                if (length == 0) {
                    throw ipv6Failure("IPv4-in-IPv6-invalid-code-point", text);
                }
                pointer -= length;
                if (pieceIndex > 6) {
                    throw ipv6Failure("IPv4-in-IPv6-too-many-pieces", text);
                }
                int numbersSeen = 0;
                while (at(input, pointer) != -1) {
                    int ipv4Piece = -1;
                    if (numbersSeen > 0) {
                        if (at(input, pointer) == '.' && numbersSeen < 4) {
                            pointer++;
                        } else {
                            throw ipv6Failure("IPv4-in-IPv6-invalid-code-point", text);
                        }
                    }
                    if (!isAsciiDigit(at(input, pointer))) {
                        throw ipv6Failure("IPv4-in-IPv6-invalid-code-point", text);
                    }
                    while (isAsciiDigit(at(input, pointer))) {
                        int number = input[pointer] - '0';
                        if (ipv4Piece == -1) {
                            ipv4Piece = number;
                        } else if (ipv4Piece == 0) {
                            throw ipv6Failure("IPv4-in-IPv6-invalid-code-point", text);
                        } else {
                            ipv4Piece = ipv4Piece * 10 + number;
                        }
                        if (ipv4Piece > 255) {
                            throw ipv6Failure("IPv4-in-IPv6-out-of-range-part", text);
                        }
                        pointer++;
                    }
                    address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
                    numbersSeen++;
                    if (numbersSeen == 2 || numbersSeen == 4) {
                        pieceIndex++;
                    }
                }
                if (numbersSeen != 4) {
                    throw ipv6Failure("IPv4-in-IPv6-too-few-parts", text);
                }
                break;
            } else if (at(input, pointer) == ':') {
                // 6.6. Otherwise, if c is ":": increase pointer; c must not then be the EOF code point.
                pointer++;
                if (at(input, pointer) == -1) {
                    throw ipv6Failure("IPv6-invalid-code-point", text);
                }
            } else if (at(input, pointer) != -1) {
                // 6.7. Otherwise, if c is not the EOF code point, IPv6-invalid-code-point, return failure.
                throw ipv6Failure("IPv6-invalid-code-point", text);
            }
            // 6.9.-6.10.
            address[pieceIndex] = value;
            pieceIndex++;
        }
        // 7. If compress is non-null, move the pieces after it to the end.
        if (compress != -1) {
            int swaps = pieceIndex - compress;
            pieceIndex = 7;
            while (pieceIndex != 0 && swaps > 0) {
                int tmp = address[pieceIndex];
                address[pieceIndex] = address[compress + swaps - 1];
                address[compress + swaps - 1] = tmp;
                pieceIndex--;
                swaps--;
            }
        } else if (pieceIndex != 8) {
            // 8. Otherwise, if compress is null and pieceIndex is not 8, IPv6-too-few-pieces, return failure.
            throw ipv6Failure("IPv6-too-few-pieces", text);
        }
        return address;
    }

    private static Failure ipv6Failure(String error, String text) {
        return new Failure(error, "host \"[" + text + "]\" is not a valid IPv6 address");
    }

    /** The "IPv6 serializer" (RFC 5952 style: lowercase, the first longest run of two or more 0 pieces as "::"). */
    static String serializeIpv6(int[] address) {
        StringBuilder output = new StringBuilder(39);
        int compress = compressedPieceIndex(address);
        boolean ignore0 = false;
        for (int pieceIndex = 0; pieceIndex < 8; pieceIndex++) {
            if (ignore0 && address[pieceIndex] == 0) {
                continue;
            } else if (ignore0) {
                ignore0 = false;
            }
            if (compress == pieceIndex) {
                output.append(pieceIndex == 0 ? "::" : ":");
                ignore0 = true;
                continue;
            }
            output.append(Integer.toHexString(address[pieceIndex]));
            if (pieceIndex != 7) {
                output.append(':');
            }
        }
        return output.toString();
    }

    /** "Find the IPv6 address compressed piece index": the first longest run of more than one 0 piece, or -1. */
    private static int compressedPieceIndex(int[] address) {
        int longestIndex = -1;
        int longestSize = 1;
        int foundIndex = -1;
        int foundSize = 0;
        for (int pieceIndex = 0; pieceIndex < 8; pieceIndex++) {
            if (address[pieceIndex] != 0) {
                if (foundSize > longestSize) {
                    longestIndex = foundIndex;
                    longestSize = foundSize;
                }
                foundIndex = -1;
                foundSize = 0;
            } else {
                if (foundIndex == -1) {
                    foundIndex = pieceIndex;
                }
                foundSize++;
            }
        }
        return foundSize > longestSize ? foundIndex : longestIndex;
    }

    // ---------------------------------------------------------------------------------------------------------
    // §3.5 Opaque hosts (hosts of URLs that are not special).

    /** The "opaque-host parser". */
    static String parseOpaqueHost(String input) throws Failure {
        // 1. If input contains a forbidden host code point, host-invalid-code-point validation error, return failure.
        int bad = input.codePoints().filter(HostParser::isForbiddenHostCodePoint).findFirst().orElse(-1);
        if (bad != -1) {
            throw new Failure("host-invalid-code-point", "host \"" + input + "\" contains the forbidden code point "
                    + BasicUrlParser.describeCodePoint(bad));
        }
        // 4. Return the result of running UTF-8 percent-encode on input using the C0 control percent-encode set.
        return PercentEncoding.utf8PercentEncode(input, PercentEncoding.EncodeSet.C0_CONTROL);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Infra's "strictly split" on a delimiter: empty items are kept, so the result is never empty. */
    static List<String> strictlySplit(String input, char delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = input.indexOf(delimiter); i >= 0; i = input.indexOf(delimiter, start)) {
            parts.add(input.substring(start, i));
            start = i + 1;
        }
        parts.add(input.substring(start));
        return parts;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int at(int[] input, int pointer) {
        return pointer < input.length ? input[pointer] : -1;
    }
}
