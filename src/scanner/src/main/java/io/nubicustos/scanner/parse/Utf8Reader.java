package io.nubicustos.scanner.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 text that says where it stops being UTF-8: the JDK's readers report a malformed
 * byte without its position, which a refusal must name (the JSON parsers' Jackson does so itself).
 */
final class Utf8Reader extends Reader {

    /** A byte sequence that is not UTF-8, at the line and column (in characters, from 1) of the text read before it. */
    static final class NotUtf8Exception extends CharacterCodingException {

        private final long line;
        private final long column;

        NotUtf8Exception(long line, long column) {
            this.line = line;
            this.column = column;
        }

        String where() {
            return " at line " + line + ", column " + column;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean end;
    private boolean flushed;
    private long line = 1;
    private long column = 1;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset) {
            if (flushed) {
                return -1;
            }
            CoderResult result = decoder.decode(bytes, out, end);
            if (result.isError()) {
                count(buffer, offset, out.position());
                throw new NotUtf8Exception(line, column);
            }
            if (result.isUnderflow() && end) {
                decoder.flush(out);
                flushed = true;
            } else if (result.isUnderflow()) {
                fill();
            }
        }
        count(buffer, offset, out.position());
        return out.position() - offset;
    }

    /** More bytes after those not decoded yet (the start of a character cut by the last read). */
    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            end = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void count(char[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
