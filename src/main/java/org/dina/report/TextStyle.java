package org.dina.report;

/** Size in pixels and weight of a piece of figure text. */
record TextStyle(float size, boolean bold) {
    static final TextStyle TITLE = new TextStyle(18, true);
    static final TextStyle LABEL = new TextStyle(14, false);
    static final TextStyle TICK = new TextStyle(12, false);
    static final TextStyle LEGEND = new TextStyle(12, false);
    static final TextStyle NOTE = new TextStyle(11, false);
}
