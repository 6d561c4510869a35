new File(basedir, 'target').deleteDir()
new File(basedir, 'target').text = 'a file where the build directory should be\n'
return true
