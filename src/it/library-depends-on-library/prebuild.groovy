// Decoys: the find-links also hold textkit and corelib 9.0.0, newer than the reactor's 2.1.0.dev0. The jobs
// name their libraries unpinned, so pip alone would take these; the wheelhouse must hold the reactor's wheels.
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def decoys = new File(basedir, 'decoys')
decoys.mkdirs()
['textkit', 'corelib'].each { name ->
    new File(decoys, "$name-9.0.0-py3-none-any.whl").withOutputStream { out ->
        def zip = new ZipOutputStream(out)
        def put = { String path, String text ->
            zip.putNextEntry(new ZipEntry(path))
            zip.write(text.getBytes('UTF-8'))
            zip.closeEntry()
        }
        put("$name/__init__.py", "raise ImportError('the decoy $name from an index, not the reactor's')\n")
        put("$name-9.0.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: $name\nVersion: 9.0.0\n")
        put("$name-9.0.0.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: it\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        put("$name-9.0.0.dist-info/RECORD", "")
        zip.close()
    }
}
return true
