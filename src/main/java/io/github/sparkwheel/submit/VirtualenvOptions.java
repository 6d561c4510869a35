package io.github.sparkwheel.submit;

/**
 * The {@code spark.pyspark.virtualenv.*} confs of the virtualenv mode (SPARK-13587 as HDP/CDP ship
 * it): Spark itself creates the venv on each executor from the shipped lock and wheelhouse.
 */
public final class VirtualenvOptions {

    /** {@code spark.pyspark.virtualenv.bin.path}: the virtualenv executable on the nodes. */
    public String binPath = "virtualenv";
    /** An index makes Spark's pip use it ({@code use_index=true}); by default only the wheelhouse is used. */
    public String indexUrl;
    public String trustedHost;
    public boolean systemSitePackages;
    public boolean upgradePip;
    /** {@code spark.pyspark.virtualenv.install_package}, passed as it is when set. */
    public String installPackage;
}
