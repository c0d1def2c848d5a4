/**
 * Reading the mouse V1 datasets people have into a {@link org.dina.data.Dataset}: {@link
 * org.dina.data.formats.Formats#detect Formats.detect} picks the reader by file names, {@link
 * org.dina.data.formats.Formats#load Formats.load} reads and reports what it did.
 *
 * <p>Readers: natimg2800 (Stringer et al., MATLAB), dina-mat (images.mat + responses.mat, MATLAB 7.3 or 5.0),
 * sensorium (Sensorium 2022 folders), antolik2016, allen, npy (generic numpy folder). Underneath: {@link
 * org.dina.data.formats.NpyArray} (hand-written .npy reader, memory-mapped above 1 MB) and {@link
 * org.dina.data.formats.MatVariables} (MATLAB 5.0 via MFL, 7.3 via jhdf, both in MATLAB's shape and order).
 *
 * <p>Rules every reader follows: trials whose responses hold NaN are missing and dropped (counted in the {@link
 * org.dina.data.formats.ReadReport}); infinite responses and non-finite pixels are errors; pixels are scaled to
 * [0, 1] by {@link org.dina.data.formats.ImageScaling} (uint8 / 255, otherwise min-max over the whole stack). Any
 * problem with the input is a {@link org.dina.data.formats.DataFormatException} whose one-line message starts with
 * the file's path; nothing else leaves a reader.
 */
package org.dina.data.formats;
