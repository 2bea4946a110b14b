package dev.continuum.gpio.internal.board;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The usable pins of a board and the Pi4J provider family that drives them ({@code hardware/BOARD/pins.json}).
 *
 * @param board the board's profile name
 * @param provider the Pi4J provider family ({@link Providers#FAMILIES})
 * @param pins the pins, in the file's order
 */
public record PinMap(String board, String provider, List<Pin> pins) {

    public PinMap {
        pins = List.copyOf(pins);
    }

    /** The pin with this id, or {@code null}. */
    public Pin pin(String id) {
        for (Pin pin : pins) {
            if (pin.id().equals(id)) {
                return pin;
            }
        }
        return null;
    }

    /** The ids of the pins that pass {@code filter}, comma-separated, for error messages. */
    public String ids(Predicate<Pin> filter) {
        String ids = pins.stream().filter(filter).map(Pin::id).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "(none)" : ids;
    }
}
