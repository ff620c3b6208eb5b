package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection by content, and the same batch read from CSV and from Arrow. */
class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void recognisesFormatsByTheirBytesNotTheirNames() throws IOException {
        Path csv = dir.resolve("data.arrow");
        Files.writeString(csv, "x,label\n1.5,a\n2.5,b\n", StandardCharsets.UTF_8);
        Path arrowFile = writeArrow(dir.resolve("batch.csv"), true);
        Path arrowStream = writeArrow(dir.resolve("batch.bin"), false);

        assertThat(Datasets.detect(csv)).isEqualTo(Datasets.Format.CSV);
        assertThat(Datasets.detect(arrowFile)).isEqualTo(Datasets.Format.ARROW_FILE);
        assertThat(Datasets.detect(arrowStream)).isEqualTo(Datasets.Format.ARROW_STREAM);
    }

    @Test
    void csvAndArrowOfTheSameDataGiveTheSameColumns() throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "x,label\n1.5,a\n2.5,b\n", StandardCharsets.UTF_8);
        for (boolean fileFormat : new boolean[] {true, false}) {
            Datasets.Dataset fromArrow = Datasets.read(writeArrow(dir.resolve("data-" + fileFormat), fileFormat));
            Datasets.Dataset fromCsv = Datasets.read(csv);
            assertSameContent(fromArrow.table(), fromCsv.table());
            assertThat(fromArrow.format()).isEqualTo(fileFormat ? Datasets.Format.ARROW_FILE : Datasets.Format.ARROW_STREAM);
            assertThat(fromArrow.sha256()).hasSize(64).isNotEqualTo(fromCsv.sha256());
        }
    }

    @Test
    void sha256IsTheFilesDigest() throws IOException {
        Path csv = dir.resolve("abc.csv");
        Files.writeString(csv, "abc", StandardCharsets.US_ASCII);
        // sha256("abc"), FIPS 180-2 appendix B.1
        assertThat(Datasets.sha256(csv)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> Datasets.read(dir.resolve("nope.csv")))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(dir.resolve("nope.csv") + ": no such file");
    }

    private static void assertSameContent(Table a, Table b) {
        assertThat(a.schema()).isEqualTo(b.schema());
        NumericColumn ax = (NumericColumn) a.column(0);
        NumericColumn bx = (NumericColumn) b.column(0);
        assertThat(ax.values()).containsExactly(bx.values());
        CategoricalColumn al = (CategoricalColumn) a.column(1);
        CategoricalColumn bl = (CategoricalColumn) b.column(1);
        assertThat(List.of(al.labelAt(0), al.labelAt(1))).isEqualTo(List.of(bl.labelAt(0), bl.labelAt(1)));
        assertThat(a.column(0).physicalType()).isEqualTo(PhysicalType.FLOAT);
    }

    private static Path writeArrow(Path path, boolean fileFormat) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Float8Vector x = new Float8Vector("x", allocator);
                VarCharVector label = new VarCharVector("label", allocator)) {
            x.allocateNew(2);
            label.allocateNew(2);
            x.set(0, 1.5);
            x.set(1, 2.5);
            label.setSafe(0, "a".getBytes(StandardCharsets.UTF_8));
            label.setSafe(1, "b".getBytes(StandardCharsets.UTF_8));
            x.setValueCount(2);
            label.setValueCount(2);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(x, label);
                    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowWriter writer = fileFormat ? new ArrowFileWriter(root, null, channel)
                            : new ArrowStreamWriter(root, null, channel)) {
                root.setRowCount(2);
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        }
        return path;
    }
}
