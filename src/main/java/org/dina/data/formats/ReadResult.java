package org.dina.data.formats;

import org.dina.data.Dataset;

/** A dataset read from disk, and the reader's account of what it did. */
public record ReadResult(Dataset dataset, ReadReport report) { }
