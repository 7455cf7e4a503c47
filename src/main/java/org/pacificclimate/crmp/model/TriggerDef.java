package org.pacificclimate.crmp.model;

import java.util.List;

/**
 * A trigger of the head schema: {@code CREATE TRIGGER <name> <timing> <events joined by OR> ON <table>
 * FOR EACH <level> EXECUTE FUNCTION <function>(<arguments as string literals>)}.
 *
 * @param table     the table it fires on
 * @param name      the trigger (unique per table)
 * @param timing    {@code BEFORE}, {@code AFTER} or {@code INSTEAD OF}
 * @param events    {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code TRUNCATE}
 * @param level     {@code ROW} or {@code STATEMENT}
 * @param function  the trigger function, a {@link FunctionDef} of the same schema without arguments
 * @param arguments the arguments passed to the function ({@code TG_ARGV}), as text
 */
public record TriggerDef(String table, String name, String timing, List<String> events, String level, String function,
                         List<String> arguments) {

    public TriggerDef {
        events = List.copyOf(events);
        arguments = List.copyOf(arguments);
    }
}
