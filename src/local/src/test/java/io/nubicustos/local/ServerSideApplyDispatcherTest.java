package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.zjsonpatch.JsonPatch;

/** Server-side apply as the in-memory API emulates it, checked on the object the patch produces. */
class ServerSideApplyDispatcherTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    static JsonNode apply(JsonNode current, JsonNode applied, boolean status) {
        return JsonPatch.apply(ServerSideApplyDispatcher.operations(current, applied, status), current);
    }

    @Test
    void anAppliedStatusReplacesTheStoredOneListsIncluded() throws Exception {
        JsonNode current = json("{'metadata':{'name':'a'},'spec':{'tool':'kubernetes'},'status':{'phase':'Succeeded',"
                + "'conditions':[{'type':'Ready'},{'type':'Succeeded'}],'lastRun':{'id':'g1','completedAt':'t2','outcome':'Succeeded'}}}");
        JsonNode applied = json("{'apiVersion':'nubicustos.io/v1alpha1','kind':'ScanJob','metadata':{'name':'a'},"
                + "'status':{'phase':'Running','conditions':[{'type':'Ready'},{'type':'Running'}],'lastRun':{'id':'g2','startedAt':'t3'}}}");

        JsonNode result = apply(current, applied, true);

        assertThat(result.path("status")).isEqualTo(applied.path("status"));
        assertThat(result.path("status").path("conditions")).as("not appended to the stored conditions").hasSize(2);
        assertThat(result.path("spec")).isEqualTo(current.path("spec"));
    }

    @Test
    void anAppliedFinalizerLeavesTheSpec() throws Exception {
        JsonNode current = json("{'metadata':{'name':'s','finalizers':[]},'spec':{'tool':'kubernetes'}}");
        JsonNode applied = json("{'apiVersion':'nubicustos.io/v1alpha1','kind':'ScanJob','metadata':{'name':'s','finalizers':['f']}}");

        JsonNode result = apply(current, applied, false);

        assertThat(result.path("spec")).isEqualTo(current.path("spec"));
        assertThat(result.path("metadata").path("finalizers")).isEqualTo(json("['f']"));
    }

    @Test
    void anAppliedObjectReplacesItsSpecButNotItsStatusAndMergesLabels() throws Exception {
        JsonNode current = json("{'metadata':{'name':'p','resourceVersion':'7','labels':{'a':'1','b':'old'}},"
                + "'spec':{'podSelector':{},'ingress':[{'from':[]}],'egress':[]},'data':{'x':'eA=='},'status':{'x':1}}");
        JsonNode applied = json("{'apiVersion':'networking.k8s.io/v1','kind':'NetworkPolicy','metadata':{'name':'p','labels':{'b':'2'}},"
                + "'spec':{'podSelector':{},'ingress':[]},'status':{'y':2}}");

        JsonNode result = apply(current, applied, false);

        assertThat(result.path("spec")).isEqualTo(json("{'podSelector':{},'ingress':[]}"));
        assertThat(result.path("data")).as("a field not applied is left").isEqualTo(json("{'x':'eA=='}"));
        assertThat(result.path("metadata").path("labels")).isEqualTo(json("{'a':'1','b':'2'}"));
        assertThat(result.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
        assertThat(result.path("status")).as("applying the object leaves its status alone").isEqualTo(json("{'x':1}"));
    }
}
