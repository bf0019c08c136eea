/**
 * The PyTorch checkpoint format without Python, for every model of the project (ReCon and CAE): {@link io.recon4j.pth.PthFile}
 * reads {@code torch.save} zip archives through a restricted pickle machine ({@link io.recon4j.pth.Unpickler}: only
 * the torch globals a state dict needs, never arbitrary code), {@link io.recon4j.pth.StateDict} is the name → tensor
 * map models load and save, {@link io.recon4j.pth.PthTensor} one stored tensor, and {@link io.recon4j.pth.PthWriter}
 * writes files that {@code torch.load} reads (also with {@code weights_only=True}). Errors are
 * {@link io.recon4j.pth.PthFormatException}s naming file and place (docs/pickle.md). Tensors here are flat row-major
 * arrays with their shape; no axis letters are used.
 */
package io.recon4j.pth;
