package dev.continuum.gpio.internal.board;

import java.util.Objects;

/**
 * One usable pin of a board, as its pin map describes it.
 *
 * @param id the pin as people name it: the header pin number ({@code "11"}) or the terminal label ({@code "DI1"})
 * @param chip the GPIO chip that drives it ({@code gpiochip0})
 * @param line the line offset on that chip: the address Pi4J is given
 * @param name the SoC's name for the line ({@code GPIO17}), informative
 * @param input whether the pin can be an input
 * @param output whether the pin can be an output
 * @param pwm the hardware PWM channel wired to the pin, or {@code null} when it has none
 */
public record Pin(String id, String chip, int line, String name, boolean input, boolean output, PwmChannel pwm) {

    public Pin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chip, "chip");
        name = name == null ? "" : name;
    }

    /** A hardware PWM channel: {@code /sys/class/pwm/pwmchipCHIP/pwmCHANNEL}. */
    public record PwmChannel(int chip, int channel) {
    }
}
