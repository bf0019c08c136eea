/*
 * libmklshim.so: tells Intel oneMKL (linked into libtorch's CPU build) that it runs on an Intel CPU.
 *
 * oneMKL picks its GEMM kernels by CPU vendor as well as by instruction set: on AMD (and other non-Intel
 * x86-64) processors it takes slower code paths even where the AVX2/FMA instructions are there. oneMKL asks
 * its internal mkl_serv_intel_cpu_true() which answer to use; libtorch_cpu.so exports that function and calls
 * it through the PLT, so a library preloaded with LD_PRELOAD that defines it wins the symbol lookup.
 * The instruction-set checks stay oneMKL's own (cpuid): only the vendor test is answered. The `recon`
 * launcher preloads this on x86-64 CPUs that are not GenuineIntel (README "Performance notes";
 * RECON_MKL_SHIM=0 turns it off). Nothing else in the process calls this symbol.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
