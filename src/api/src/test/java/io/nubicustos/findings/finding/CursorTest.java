package io.nubicustos.findings.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.http.InvalidInput;

class CursorTest {

    @Test
    void roundTripsAndRefusesAnythingElse() {
        Cursor cursor = new Cursor(FindingSort.LAST_SEEN_DESC, 1_700_000_000_123_456L, 42);
        assertThat(Cursor.decode(cursor.encode(), FindingSort.LAST_SEEN_DESC)).isEqualTo(cursor);
        assertThatThrownBy(() -> Cursor.decode(cursor.encode(), FindingSort.SEVERITY_DESC)).isInstanceOf(InvalidInput.class)
                .hasMessage("cursor belongs to another sort order");
        for (String bad : new String[] { "", "!!!", "djE6", "djI6LXNldmVyaXR5OjQ6NQ", "djE6LXNldmVyaXR5OjQ6eA", "x".repeat(201) }) {
            assertThatThrownBy(() -> Cursor.decode(bad, FindingSort.SEVERITY_DESC)).as(bad).isInstanceOf(InvalidInput.class);
        }
        // Tampered numbers that parse: out of any row's range, refused before they reach a query or a date.
        for (String plain : new String[] { "v1:-last_seen:-9223372036854775808:1", "v1:-last_seen:9223372036854775807:1",
            "v1:-last_seen:1700000000000000:-1", "v1:-last_seen:-1:1" }) {
            String bad = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThatThrownBy(() -> Cursor.decode(bad, FindingSort.LAST_SEEN_DESC)).as(plain).isInstanceOf(InvalidInput.class)
                    .hasMessage("cursor is not valid");
        }
    }

    @Test
    void sortsAreAClosedList() {
        assertThat(FindingSort.parse(null)).isEqualTo(FindingSort.SEVERITY_DESC);
        assertThat(FindingSort.parse("last_seen")).isEqualTo(FindingSort.LAST_SEEN_ASC);
        assertThatThrownBy(() -> FindingSort.parse("first_seen")).isInstanceOf(InvalidInput.class);
        assertThat(FindingSort.LAST_SEEN_DESC.after()).isEqualTo("(last_seen, id) < (?, ?)");
        assertThatThrownBy(() -> FindingSort.parse("title; drop table finding")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void filterValuesAreBoundedAndFreeOfControlCharacters() {
        FindingFilter f = FindingFilter.parse("critical, high", "open", null, "aws", null, null, null, null, null, null, null, " bucket ");
        assertThat(f.severities()).containsExactly(4, 3);
        assertThat(f.text()).contains("bucket");
        assertThatThrownBy(() -> FindingFilter.parse("urgent", null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> FindingFilter.parse(null, null, null, null, "a\u0000b", null, null, null, null, null, null, null))
                .isInstanceOf(InvalidInput.class).hasMessage("account contains control characters");
        FindingQuery q = FindingQuery.of(f, java.util.Optional.of("team-a"), "f.");
        assertThat(q.where()).isEqualTo("true and f.scope = ? and f.severity in (?,?) and f.status in (?) and f.provider = ? and "
                + "to_tsvector('simple', f.title) @@ plainto_tsquery('simple', ?)");
    }
}
