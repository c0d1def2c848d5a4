package org.dina.data.formats;

import org.dina.data.Dataset;

/**
 * A dataset read from disk, and the reader's account of what it did.
 *
 * @param dataset the data as read
 * @param report  what the reader found, chose and dropped
 */
public record ReadResult(Dataset dataset, ReadReport report) { }
