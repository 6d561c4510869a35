// the example as it is in the repository, with this build's offline wheels and MiniYARNCluster
def from = new File(exampleMonorepo)
from.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    def relative = f.path - from.path
    if (relative.contains('/target/')) return
    def target = new File(basedir, 'monorepo' + relative)
    target.parentFile.mkdirs()
    target.bytes = f.bytes
}
def pom = new File(basedir, 'monorepo/pom.xml')
pom.text = pom.text
        .replaceFirst(/<example\.wheels>[^<]*<\/example\.wheels>/, "<example.wheels>${itWheels}</example.wheels>")
        .replaceFirst(/<example\.testWheels>[^<]*<\/example\.testWheels>/, "<example.testWheels>${itTestWheels}</example.testWheels>")
        .replaceFirst(/<pyspark\.pysparkArchives>[^<]*<\/pyspark\.pysparkArchives>/,
                "<pyspark.pysparkArchives>${itPyspark}/pyspark.zip,${itPyspark}/py4j.zip</pyspark.pysparkArchives>")
        .replaceFirst(/<\/properties>/, """    <pyspark.hadoopConfDir>${yarnDir}/conf</pyspark.hadoopConfDir>
    <pyspark.nodePython>${python}</pyspark.nodePython>
    <pyspark.python>${python}</pyspark.python>
    <pyspark.driverMemory>512m</pyspark.driverMemory>
    <pyspark.executorMemory>512m</pyspark.executorMemory>
    <pyspark.numExecutors>1</pyspark.numExecutors>
  </properties>""")
return true
