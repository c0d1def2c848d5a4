package org.dina.data;

/** The side of a split a trial (or an image) belongs to. */
public enum Tier {
    TRAIN, VALIDATION, TEST
}
