def log = new File(basedir, 'build.log').text
assert log.contains("No Hadoop configuration for master 'yarn': perhaps you should set <hadoopConfDir> or -Dpyspark.hadoopConfDir (or HADOOP_CONF_DIR) to the directory holding yarn-site.xml")
return true
