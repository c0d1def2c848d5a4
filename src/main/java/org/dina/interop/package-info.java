/**
 * Exchange with the released PyTorch DINA: the release's state-dict names for both towers as views of this tool's
 * parameters ({@link org.dina.interop.ReleaseLayout}), writing a run's towers as release state dicts and starting a
 * run from them ({@link org.dina.interop.ReleaseExport}, {@link org.dina.interop.ReleaseImport}), and the exact
 * tensors a run's towers receive and produce, as .npy files ({@link org.dina.interop.MapsExport}).
 */
package org.dina.interop;
