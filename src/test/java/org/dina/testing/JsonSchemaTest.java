package org.dina.testing;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema lines a document gives, and the differences the pinned-schema tests report. */
class JsonSchemaTest {
    private static List<String> schema(String json) throws Exception {
        return JsonSchema.of(new ObjectMapper().readTree(json));
    }

    @Test
    void arraysMergeTheirElementsAndNumbersKeepTheirKind() throws Exception {
        assertEquals(List.of("$ object", "$.n integer", "$.x number", "$.list array", "$.list[] object", "$.list[].a null|number",
                "$.list[].b string", "$.empty array", "$.grid array", "$.grid[] array", "$.grid[][] integer"),
                schema("{\"n\": 1, \"x\": 1.0, \"list\": [{\"a\": 0.5}, {\"a\": null, \"b\": \"s\"}], \"empty\": [], \"grid\": [[1, 2]]}"));
    }

    @Test
    void renamedRetypedAndMovedKeysAreReported() throws Exception {
        List<String> pinned = schema("{\"top1\": 0.5, \"queries\": 3, \"notes\": []}");
        String renamed = JsonSchema.difference(pinned, schema("{\"top_1\": 0.5, \"queries\": 3, \"notes\": []}"));
        assertTrue(renamed.contains("removed: $.top1 number") && renamed.contains("added: $.top_1 number"), renamed);
        String retyped = JsonSchema.difference(pinned, schema("{\"top1\": \"0.5\", \"queries\": 3, \"notes\": []}"));
        assertTrue(retyped.contains("type changed: $.top1 number -> string"), retyped);
        String moved = JsonSchema.difference(pinned, schema("{\"queries\": 3, \"top1\": 0.5, \"notes\": []}"));
        assertTrue(moved.contains("the same keys in another order"), moved);
    }
}
