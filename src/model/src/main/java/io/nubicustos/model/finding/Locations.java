package io.nubicustos.model.finding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The places of a finding, as the scanner sends them and the API keeps them: distinct, in the
 * order they were reported, each at most {@link FindingBounds#LOCATION} characters, the first
 * {@link FindingBounds#LOCATIONS} of them. How many there were in all is counted apart.
 */
public final class Locations {

    private Locations() {
    }

    public static List<String> bounded(Collection<String> places) {
        if (places == null || places.isEmpty()) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String place : places) {
            if (place != null && !place.isBlank()) {
                kept.add(FindingBounds.shorten(place.strip(), FindingBounds.LOCATION));
                if (kept.size() == FindingBounds.LOCATIONS) {
                    break;
                }
            }
        }
        return List.copyOf(new ArrayList<>(kept));
    }
}
