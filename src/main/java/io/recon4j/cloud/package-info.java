/**
 * Point-cloud and mesh files ↔ {@link io.recon4j.cloud.PointCloud} (and {@link io.recon4j.cloud.Mesh}), in plain
 * Java: {@link io.recon4j.cloud.CloudIO} picks a reader by file name (PCD, PLY, OFF, OBJ, XYZ/TXT/PTS/CSV, NPY),
 * writers exist for PCD, PLY and NPY, {@link io.recon4j.cloud.Hdf5Clouds} reads the HDF5 collections of ScanObjectNN and
 * ModelNet40, {@link io.recon4j.cloud.MeshSampler} samples mesh surfaces. Bad files fail with a
 * {@link io.recon4j.cloud.CloudFormatException} naming file and place.
 *
 * <p>Axis letters: N points per cloud, C per-point values (3 + F extra fields), M clouds in one collection file.
 */
package io.recon4j.cloud;
