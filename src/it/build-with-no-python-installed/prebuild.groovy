// A PATH with a JDK, gcc and the shell tools Maven, gcc and Spark use, and no Python.
def bin = new File(basedir.parentFile.parentFile, 'it-bin-without-python')
bin.deleteDir()
bin.mkdirs()
def path = System.getenv('PATH').split(File.pathSeparator) + [System.getProperty('java.home') + '/bin']
['sh', 'bash', 'dirname', 'basename', 'expr', 'pwd', 'tr', 'uname', 'cat', 'rm', 'mkdir', 'ls', 'hostname', 'getconf',
 'id', 'java', 'gcc', 'cc', 'as', 'ld'].each { tool ->
    def found = path.collect { new File(it, tool) }.find { it.isFile() && it.canExecute() }
    assert found : "no $tool on the PATH"
    java.nio.file.Files.createSymbolicLink(new File(bin, tool).toPath(), found.toPath().toRealPath())
}
assert !bin.list().any { it.startsWith('python') }
return true
