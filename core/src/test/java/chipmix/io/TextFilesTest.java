package chipmix.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import chipmix.validation.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue #16 finding 5: files that hang or mislead. */
class TextFilesTest {
  @TempDir Path dir;

  @Test
  @Timeout(10)
  void deviceFile_isRefusedWithoutReadingIt() {
    Path zero = Path.of("/dev/zero");
    assumeThat(Files.exists(zero)).isTrue();
    // before: plan /dev/zero hung, or died with an OutOfMemoryError
    assertThatThrownBy(() -> Yaml.parseFile(zero)).isInstanceOf(InvalidInputException.class)
        .hasMessage("/dev/zero: is not a regular file (a device, pipe or socket); give a YAML file");
  }

  @Test
  @Timeout(10)
  void fifo_isRefusedWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("pipe.yaml");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeThat(false).as("mkfifo is not available").isTrue();
      return;
    }
    assumeThat(p.waitFor()).isZero();
    assertThatThrownBy(() -> Yaml.parseFile(fifo)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  @Timeout(10)
  void fileOverTheCap_isRefusedBeforeParsing() throws Exception {
    // a 16 MB scalar used to take 40 s to parse; now the size decides before any parsing
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(16L * 1024 * 1024);
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> Yaml.parseFile(big)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("file is too large (16,777,216 bytes or more); the limit is 4,194,304 bytes (4 MiB)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void fileAtTheCap_isRead() throws Exception {
    Path f = dir.resolve("cap.yaml");
    byte[] text = ("a: " + "x".repeat(TextFiles.MAX_BYTES - 4) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(text).hasSize(TextFiles.MAX_BYTES);
    Files.write(f, text);
    assertThat(TextFiles.read(f)).hasSize(TextFiles.MAX_BYTES);
  }

  @Test
  void utf16File_isNamedAsSuch() throws Exception {
    Path f = dir.resolve("u16.yaml");
    Files.write(f, "name: x\n".getBytes(StandardCharsets.UTF_16));
    // before: "cannot read file: Input length = 1"
    assertThatThrownBy(() -> Yaml.parseFile(f)).hasMessage(f + ": file is UTF-16 text (it starts with a UTF-16"
        + " byte-order mark); save it as UTF-8");
  }

  @Test
  void latin1File_namesTheFirstByteThatIsNotUtf8() throws Exception {
    Path f = dir.resolve("latin1.yaml");
    Files.write(f, "name: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    // "name: Caf" is 9 bytes, so the e-acute (0xE9) is byte 9 counting from 0
    assertThatThrownBy(() -> Yaml.parseFile(f)).hasMessage(f + ": file is not UTF-8 text (byte 9 is 0xE9); save it as UTF-8");
  }

  @Test
  void utf8ByteOrderMark_isSkipped() throws Exception {
    Path f = dir.resolve("bom.yaml");
    Files.write(f, ("\uFEFFname: x\n").getBytes(StandardCharsets.UTF_8));
    assertThat(Yaml.parseFile(f).get("name").asText()).isEqualTo("x");
  }

  @Test
  void folder_isNamedAsAFolder() {
    assertThatThrownBy(() -> Yaml.parseFile(dir)).hasMessage(dir + ": is a folder, not a file");
  }
}
