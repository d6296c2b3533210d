package dev.oxistore.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: names, Parquet ids and the codecs with options. */
class CodecsTest {

    @Test
    void everyCodecIsFoundByItsNameInAnyCase() {
        assertThat(Codecs.all()).extracting(Codec::name).containsExactly(
                "none", "lz4", "lz4-frame", "lz4-hadoop", "snappy", "snappy-framed", "deflate", "gzip", "zstd");
        for (Codec c : Codecs.all()) {
            assertThat(Codecs.byName(c.name())).isSameAs(c);
            assertThat(Codecs.byName(c.name().toUpperCase(java.util.Locale.ROOT))).isSameAs(c);
        }
        assertThat(Codecs.find("brotli")).isEmpty();
        assertThat(Codecs.find(null)).isEmpty();
        assertThatThrownBy(() -> Codecs.byName("lzo")).isInstanceOf(CodecArgumentException.class)
                .hasMessageContaining("known codecs are").hasMessageContaining("zstd");
    }

    @Test
    void parquetIdsMapToTheirCodecs() {
        assertThat(Codecs.byParquetId(0)).isSameAs(Codecs.none());
        assertThat(Codecs.byParquetId(1)).isSameAs(Codecs.snappy());
        assertThat(Codecs.byParquetId(2)).isSameAs(Codecs.gzip());
        assertThat(Codecs.byParquetId(5)).isSameAs(Codecs.lz4Hadoop());
        assertThat(Codecs.byParquetId(6)).isSameAs(Codecs.zstd());
        assertThat(Codecs.byParquetId(7)).isSameAs(Codecs.lz4());
        for (ParquetCodec p : ParquetCodec.values()) {
            assertThat(ParquetCodec.ofId(p.id())).isSameAs(p);
            assertThat(p.findCodec().isPresent()).isEqualTo(p.isSupported());
            p.findCodec().ifPresent(c -> assertThat(c.parquetCodec()).hasValue(p));
        }
        assertThat(List.of(Codecs.lz4Frame(), Codecs.snappyFramed(), Codecs.deflate()))
                .allSatisfy(c -> assertThat(c.parquetCodec()).isEmpty());
    }

    @Test
    void lzoAndBrotliAreUnsupportedAndUnknownIdsAreArgumentErrors() {
        assertThatThrownBy(() -> Codecs.byParquetId(3)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("LZO");
        assertThatThrownBy(() -> Codecs.byParquetId(4)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("BROTLI");
        assertThatThrownBy(() -> Codecs.byParquetId(8)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> Codecs.byParquetId(-1)).isInstanceOf(CodecArgumentException.class);
    }

    @Test
    void deflateLevelsAreCheckedAndChangeTheOutput() {
        assertThatThrownBy(() -> Codecs.deflate(10)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> Codecs.gzip(-1)).isInstanceOf(CodecArgumentException.class);
        byte[] text = TestInputs.generate(TestInputs.Kind.TEXT, 50_000, 1);
        assertThat(Codecs.deflate(9).compress(text).length).isLessThan(Codecs.deflate(1).compress(text).length);
        assertThat(Codecs.deflate(0).compress(text).length).isGreaterThan(text.length);
    }

    @Test
    void rawBlockCodecsStreamThroughTheirFramedSiblings() {
        assertThat(Codecs.lz4().streamCodec()).isSameAs(Codecs.lz4Frame());
        assertThat(Codecs.snappy().streamCodec()).isSameAs(Codecs.snappyFramed());
        for (Codec c : List.of(Codecs.none(), Codecs.lz4Frame(), Codecs.lz4Hadoop(), Codecs.snappyFramed(),
                Codecs.deflate(), Codecs.gzip(), Codecs.zstd())) {
            assertThat(c.streamCodec()).isSameAs(c);
        }
    }
}
