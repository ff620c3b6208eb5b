package io.driftwatch.report;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets the templates read the report's package-private view records by component name
 * ({@code c.name}, {@code r.table}), so the views need not be public API. Freemarker's bean
 * introspection only sees public classes; this wrapper reads a record's components through their
 * accessors instead. A name that is not a component is a template error; a null component is
 * missing (so {@code ??} and {@code !} work).
 *
 * <p>Thread-safe: accessor lookups are cached per class in a {@link ClassValue}.
 */
final class HtmlRecordWrapper extends DefaultObjectWrapper {
    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> byName = new HashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                byName.put(component.getName(), accessor);
            }
            return byName;
        }
    };

    HtmlRecordWrapper() {
        super(Configuration.VERSION_2_3_34);
    }

    @Override
    protected TemplateModel handleUnknownType(Object obj) throws TemplateModelException {
        if (obj instanceof Record record) {
            return new RecordModel(record, this);
        }
        return super.handleUnknownType(obj);
    }

    private record RecordModel(Record record, HtmlRecordWrapper wrapper) implements TemplateHashModel {
        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            Method accessor = ACCESSORS.get(record.getClass()).get(key);
            if (accessor == null) {
                throw new TemplateModelException(record.getClass().getSimpleName() + " has no component '" + key + "'");
            }
            try {
                return wrapper.wrap(accessor.invoke(record));
            } catch (IllegalAccessException e) {
                throw new TemplateModelException("cannot read " + key, e);
            } catch (InvocationTargetException e) {
                throw new TemplateModelException("reading " + key + " failed", e.getCause());
            }
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}
