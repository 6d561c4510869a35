// v2: the same job with other code, so another job layer
def from = new File(basedir, 'src/v1')
from.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    def target = new File(basedir, 'src/v2/' + (f.path - from.path))
    target.parentFile.mkdirs()
    target.text = f.text.replace('CODE = "v1"', 'CODE = "v2"')
}
return true
