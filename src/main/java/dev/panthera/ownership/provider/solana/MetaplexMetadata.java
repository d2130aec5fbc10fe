package dev.panthera.ownership.provider.solana;

import fr.acinq.bitcoin.Base58;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A Metaplex Token Metadata account ({@code Key::MetadataV1}), read from its Borsh layout:
 * key u8, update authority (32), mint (32), name, symbol and uri (each a u32 little-endian length
 * and UTF-8 bytes; the program pads them with NULs to 32, 10 and 200 bytes, stripped here), seller
 * fee basis points u16, creators Option&lt;Vec&lt;(pubkey, verified, share)&gt;&gt;, primary sale
 * bool, is mutable bool, edition nonce Option&lt;u8&gt;, token standard Option&lt;u8&gt; and
 * collection Option&lt;(verified bool, key pubkey)&gt;. Accounts written before a trailing field
 * existed end early (or in zero padding, which reads as None): those fields are absent.
 */
record MetaplexMetadata(
        String updateAuthority, String mint, String name, String symbol, String uri, Optional<Collection> collection) {

    /** {@code Key::MetadataV1} */
    static final int METADATA_V1 = 4;

    private static final int MAX_STRING = 1024;
    private static final int MAX_CREATORS = 32;

    /** A Metaplex collection claim: the collection's mint, and whether its authority verified it. */
    record Collection(boolean verified, String key) {}

    /** The data is not a metadata account this parser understands. */
    static final class MalformedMetadata extends RuntimeException {
        MalformedMetadata(String message) {
            super(message);
        }
    }

    static MetaplexMetadata parse(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int key = u8(in);
        if (key != METADATA_V1) {
            throw new MalformedMetadata("account key is " + key + ", not MetadataV1 (" + METADATA_V1 + ")");
        }
        String updateAuthority = pubkey(in);
        String mint = pubkey(in);
        String name = string(in);
        String symbol = string(in);
        String uri = string(in);
        Optional<Collection> collection = Optional.empty();
        if (in.remaining() >= 2) {
            in.getShort(); // seller fee basis points
            collection = tail(in);
        }
        return new MetaplexMetadata(updateAuthority, mint, name, symbol, uri, collection);
    }

    /** The fields after the seller fee, up to the collection, or empty when the data ends first. */
    private static Optional<Collection> tail(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return Optional.empty();
        }
        if (option(in)) { // creators
            long count = Integer.toUnsignedLong(u32(in));
            if (count > MAX_CREATORS) {
                throw new MalformedMetadata("implausible creator count " + count);
            }
            need(in, (int) count * 34, "creators");
            in.position(in.position() + (int) count * 34);
        }
        if (in.remaining() < 2) {
            return Optional.empty();
        }
        in.get(); // primary sale happened
        in.get(); // is mutable
        if (!in.hasRemaining()) {
            return Optional.empty();
        }
        if (option(in)) { // edition nonce
            need(in, 1, "edition nonce");
            in.get();
        }
        if (!in.hasRemaining()) {
            return Optional.empty();
        }
        if (option(in)) { // token standard
            need(in, 1, "token standard");
            in.get();
        }
        if (!in.hasRemaining()) {
            return Optional.empty();
        }
        if (!option(in)) {
            return Optional.empty();
        }
        int verified = u8(in);
        if (verified > 1) {
            throw new MalformedMetadata("collection.verified is " + verified + ", not a bool");
        }
        return Optional.of(new Collection(verified == 1, pubkey(in)));
    }

    private static boolean option(ByteBuffer in) {
        int tag = u8(in);
        if (tag > 1) {
            throw new MalformedMetadata("option tag " + tag + " at byte " + (in.position() - 1));
        }
        return tag == 1;
    }

    private static int u8(ByteBuffer in) {
        need(in, 1, "u8");
        return Byte.toUnsignedInt(in.get());
    }

    private static int u32(ByteBuffer in) {
        need(in, 4, "u32");
        return in.getInt();
    }

    private static String pubkey(ByteBuffer in) {
        need(in, 32, "public key");
        byte[] key = new byte[32];
        in.get(key);
        return Base58.encode(key);
    }

    private static String string(ByteBuffer in) {
        long length = Integer.toUnsignedLong(u32(in));
        if (length > MAX_STRING) {
            throw new MalformedMetadata("implausible string length " + length);
        }
        need(in, (int) length, "string");
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMetadata("a string field is not UTF-8");
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\u0000') {
            end--;
        }
        return text.substring(0, end).strip();
    }

    private static void need(ByteBuffer in, int bytes, String what) {
        if (in.remaining() < bytes) {
            throw new MalformedMetadata("the account data ends inside " + what);
        }
    }
}
