# The reduced CRD schemas of src/test/resources/schemas (all but kubernetes.json), written down as code: edit here,
# run `python3 deployment-tests/schemas/reduced_crds.py`, commit both. Each level lists the properties the upstream CRD
# has at that level (named in each file's "source"); Kubernetes types refer to kubernetes.json (KubernetesSchemaGenerator).
import json, os
import pathlib
OUT=str(pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/schemas") + "/"
def obj(props=None, required=None, **kw):
    o={"type":"object"}
    if props is not None: o["properties"]=props
    if required: o["required"]=required
    o.update(kw); return o
def arr(items): return {"type":"array","items":items}
S={"type":"string"}; I={"type":"integer"}; B={"type":"boolean"}; N={"type":"number"}
def i(minimum=None): return {"type":"integer", **({"minimum":minimum} if minimum is not None else {})}
def enum(*v): return {"type":"string","enum":list(v)}
MAPS={"type":"object","additionalProperties":{"type":"string"}}
ANY={"x-kubernetes-preserve-unknown-fields":True}
IOS={"x-kubernetes-int-or-string":True}
def k8s(name): return {"$ref":"kubernetes.json#/definitions/"+name}
def ref(name): return {"$ref":"#/definitions/"+name}
def kind(spec, required=("spec",), status=True):
    p={"apiVersion":S,"kind":S,"metadata":k8s("ObjectMeta"),"spec":spec}
    if status: p["status"]=ANY
    return obj(p, list(required))
def write(name, source, kinds, defs):
    json.dump({"source":source,"kinds":kinds,"definitions":defs}, open(OUT+name,"w"), indent=2, sort_keys=True); open(OUT+name,"a").write("\n")

# ---------------- Strimzi ----------------
podTemplate=obj({"metadata":obj({"labels":MAPS,"annotations":MAPS}),"imagePullSecrets":arr(k8s("LocalObjectReference")),
   "securityContext":k8s("PodSecurityContext"),"terminationGracePeriodSeconds":i(0),"affinity":k8s("Affinity"),
   "tolerations":arr(k8s("Toleration")),"topologySpreadConstraints":arr(k8s("TopologySpreadConstraint")),
   "priorityClassName":S,"schedulerName":S,"hostAliases":arr(k8s("HostAlias")),"dnsPolicy":S,"dnsConfig":k8s("PodDNSConfig"),
   "enableServiceLinks":B,"tmpDirSizeLimit":S,"volumes":arr(ANY)})
containerTemplate=obj({"env":arr(obj({"name":S,"value":S,"valueFrom":ANY})),"securityContext":k8s("SecurityContext"),"volumeMounts":arr(k8s("VolumeMount"))})
resourceTemplate=obj({"metadata":obj({"labels":MAPS,"annotations":MAPS})})
probe=obj({"initialDelaySeconds":i(0),"timeoutSeconds":i(1),"periodSeconds":i(1),"successThreshold":i(1),"failureThreshold":i(1)})
logging=ANY
listenerAuth=obj({"type":enum("tls","scram-sha-512","oauth","custom")},["type"])
listener=obj({"name":S,"port":i(9092),"type":enum("internal","route","loadbalancer","nodeport","ingress","cluster-ip"),"tls":B,
   "authentication":listenerAuth,"configuration":ANY,"networkPolicyPeers":arr(k8s("networking.v1.NetworkPolicyPeer"))},["name","port","type","tls"])
kafkaClusterSpec=obj({"version":S,"metadataVersion":S,"image":S,"listeners":arr(listener),"config":ANY,
   "authorization":obj({"type":enum("simple","opa","keycloak","custom"),"superUsers":arr(S)},["type"]),
   "rack":obj({"topologyKey":S},["topologyKey"]),"brokerRackInitImage":S,"livenessProbe":probe,"readinessProbe":probe,
   "jvmOptions":ANY,"jmxOptions":ANY,"resources":k8s("ResourceRequirements"),"metricsConfig":ANY,"logging":logging,
   "template":ANY,"tieredStorage":ANY,"quotas":ANY},["listeners"])
operator=lambda extra={}: obj({"watchedNamespace":S,"image":S,"reconciliationIntervalMs":i(0),"reconciliationIntervalSeconds":i(0),
   "resources":k8s("ResourceRequirements"),"livenessProbe":probe,"readinessProbe":probe,"startupProbe":probe,"logging":logging,"jvmOptions":ANY,**extra})
entityOperator=obj({"topicOperator":operator(),"userOperator":operator({"secretPrefix":S}),
   "template":obj({"deployment":ANY,"pod":podTemplate,"topicOperatorContainer":containerTemplate,"userOperatorContainer":containerTemplate,
      "tlsSidecarContainer":containerTemplate,"serviceAccount":resourceTemplate,"entityOperatorRole":resourceTemplate,
      "topicOperatorRoleBinding":resourceTemplate,"userOperatorRoleBinding":resourceTemplate})})
kafkaExporter=obj({"image":S,"groupRegex":S,"topicRegex":S,"groupExcludeRegex":S,"topicExcludeRegex":S,"resources":k8s("ResourceRequirements"),
   "logging":S,"livenessProbe":probe,"readinessProbe":probe,"enableSaramaLogging":B,"showAllOffsets":B,
   "template":obj({"deployment":ANY,"pod":podTemplate,"service":resourceTemplate,"container":containerTemplate,"serviceAccount":resourceTemplate})})
kafkaSpec=obj({"kafka":kafkaClusterSpec,"entityOperator":entityOperator,"kafkaExporter":kafkaExporter,"clusterCa":ANY,"clientsCa":ANY,
   "cruiseControl":ANY,"maintenanceTimeWindows":arr(S)},["kafka"])
volume=obj({"id":i(0),"type":enum("ephemeral","persistent-claim"),"size":S,"sizeLimit":S,"class":S,"selector":MAPS,"deleteClaim":B,
   "kraftMetadata":enum("shared"),"overrides":arr(ANY)},["type"])
storage=obj({"type":enum("ephemeral","persistent-claim","jbod"),"volumes":arr(volume),"size":S,"sizeLimit":S,"class":S,"selector":MAPS,
   "deleteClaim":B,"kraftMetadata":enum("shared")},["type"])
poolSpec=obj({"replicas":i(0),"storage":storage,"roles":arr(enum("controller","broker")),"resources":k8s("ResourceRequirements"),"jvmOptions":ANY,
   "template":obj({"podSet":resourceTemplate,"pod":podTemplate,"perPodService":resourceTemplate,"perPodRoute":resourceTemplate,
      "perPodIngress":resourceTemplate,"persistentVolumeClaim":resourceTemplate,"kafkaContainer":containerTemplate,"initContainer":containerTemplate})},
   ["replicas","storage","roles"])
topicSpec=obj({"topicName":S,"partitions":i(1),"replicas":i(1),"config":ANY})
acl=obj({"type":enum("allow","deny"),"resource":obj({"type":enum("topic","group","cluster","transactionalId"),"name":S,"patternType":enum("literal","prefix")},["type"]),
   "host":S,"operations":arr(enum("Read","Write","Create","Delete","Alter","Describe","ClusterAction","AlterConfigs","DescribeConfigs","IdempotentWrite","All"))},["resource"])
userSpec=obj({"authentication":obj({"type":enum("tls","tls-external","scram-sha-512"),
      "password":obj({"valueFrom":obj({"secretKeyRef":k8s("SecretKeySelector")})},["valueFrom"])},["type"]),
   "authorization":obj({"type":enum("simple"),"acls":arr(acl)},["type","acls"]),"quotas":ANY,"template":ANY})
write("strimzi.json",
 "Strimzi 0.48 CRDs (kafka.strimzi.io/v1beta2: 040-Crd-kafka.yaml, 045-Crd-kafkanodepool.yaml, 043-Crd-kafkatopic.yaml, 044-Crd-kafkauser.yaml), "
 "reduced by hand: every level our manifests reach lists the upstream properties of that level (object-valued ones we do not use "
 "are left open), enums as upstream; embedded Kubernetes types refer to kubernetes.json. A field missing here fails: check it "
 "against the upstream CRD, then add it.",
 {"kafka.strimzi.io/v1beta2/Kafka":kind(kafkaSpec),"kafka.strimzi.io/v1beta2/KafkaNodePool":kind(poolSpec),
  "kafka.strimzi.io/v1beta2/KafkaTopic":kind(topicSpec),"kafka.strimzi.io/v1beta2/KafkaUser":kind(userSpec)}, {})

# ---------------- CloudNativePG ----------------
localRef=obj({"name":S},["name"])
keyRef=obj({"name":S,"key":S},["name","key"])
role=obj({"name":S,"comment":S,"ensure":enum("present","absent"),"passwordSecret":localRef,"connectionLimit":I,"validUntil":S,
   "inRoles":arr(S),"inherit":B,"disablePassword":B,"superuser":B,"createdb":B,"createrole":B,"login":B,"replication":B,"bypassrls":B},["name"])
barman=obj({"destinationPath":S,"endpointURL":S,"endpointCA":keyRef,"serverName":S,"tags":MAPS,"historyTags":MAPS,
   "s3Credentials":obj({"accessKeyId":keyRef,"secretAccessKey":keyRef,"region":keyRef,"sessionToken":keyRef,"inheritFromIAMRole":B}),
   "azureCredentials":ANY,"googleCredentials":ANY,"wal":ANY,"data":ANY},["destinationPath"])
clusterSpec=obj({"description":S,"inheritedMetadata":obj({"labels":MAPS,"annotations":MAPS}),"imageName":S,"imageCatalogRef":ANY,
   "imagePullPolicy":S,"imagePullSecrets":arr(localRef),"instances":i(1),"minSyncReplicas":i(0),"maxSyncReplicas":i(0),
   "postgresql":obj({"parameters":MAPS,"pg_hba":arr(S),"pg_ident":arr(S),"synchronous":ANY,"shared_preload_libraries":arr(S),
      "ldap":ANY,"promotionTimeout":I,"enableAlterSystem":B,"extensions":arr(ANY)}),
   "bootstrap":obj({"initdb":obj({"database":S,"owner":S,"secret":localRef,"encoding":S,"locale":S,"localeProvider":S,"localeCollate":S,
         "localeCType":S,"icuLocale":S,"icuRules":S,"builtinLocale":S,"dataChecksums":B,"walSegmentSize":I,"options":arr(S),
         "postInitSQL":arr(S),"postInitApplicationSQL":arr(S),"postInitTemplateSQL":arr(S),"postInitSQLRefs":ANY,
         "postInitApplicationSQLRefs":ANY,"postInitTemplateSQLRefs":ANY,"import":ANY}),"recovery":ANY,"pg_basebackup":ANY}),
   "replica":ANY,"superuserSecret":localRef,"enableSuperuserAccess":B,"certificates":ANY,
   "storage":obj({"size":S,"storageClass":S,"resizeInUseVolumes":B,"pvcTemplate":ANY}),"walStorage":ANY,"tablespaces":arr(ANY),
   "startDelay":I,"stopDelay":I,"smartShutdownTimeout":I,"switchoverDelay":I,"failoverDelay":I,"livenessProbeTimeout":I,
   "affinity":obj({"enablePodAntiAffinity":B,"topologyKey":S,"nodeSelector":MAPS,"nodeAffinity":k8s("NodeAffinity"),
      "tolerations":arr(k8s("Toleration")),"podAntiAffinityType":enum("preferred","required"),
      "additionalPodAntiAffinity":k8s("PodAntiAffinity"),"additionalPodAffinity":k8s("PodAffinity")}),
   "topologySpreadConstraints":arr(k8s("TopologySpreadConstraint")),"resources":k8s("ResourceRequirements"),
   "ephemeralVolumesSizeLimit":ANY,"priorityClassName":S,"schedulerName":S,
   "primaryUpdateStrategy":enum("unsupervised","supervised"),"primaryUpdateMethod":enum("switchover","restart"),
   "backup":obj({"barmanObjectStore":barman,"retentionPolicy":S,"target":enum("primary","prefer-standby"),"volumeSnapshot":ANY}),
   "nodeMaintenanceWindow":obj({"inProgress":B,"reusePVC":B}),
   "monitoring":obj({"enablePodMonitor":B,"customQueriesConfigMap":arr(keyRef),"customQueriesSecret":arr(keyRef),"disableDefaultQueries":B,
      "podMonitorMetricRelabelings":arr(ANY),"podMonitorRelabelings":arr(ANY),"tls":ANY}),
   "externalClusters":arr(ANY),"logLevel":enum("error","warning","info","debug","trace"),"projectedVolumeTemplate":ANY,
   "env":arr(k8s("EnvVar")),"envFrom":arr(k8s("EnvFromSource")),
   "managed":obj({"roles":arr(role),"services":ANY}),"seccompProfile":k8s("SeccompProfile"),"plugins":arr(ANY),"probes":ANY},["instances"])
poolerSpec=obj({"cluster":localRef,"type":enum("rw","ro","r"),"instances":i(0),
   "pgbouncer":obj({"poolMode":enum("session","transaction"),"authQuerySecret":localRef,"authQuery":S,"parameters":MAPS,"pg_hba":arr(S),"paused":B}),
   "template":k8s("PodTemplateSpec"),"deploymentStrategy":k8s("apps.DeploymentStrategy"),
   "monitoring":obj({"enablePodMonitor":B,"podMonitorMetricRelabelings":arr(ANY),"podMonitorRelabelings":arr(ANY)}),"serviceTemplate":ANY},
   ["cluster","pgbouncer"])
databaseSpec=obj({"cluster":localRef,"name":S,"owner":S,"ensure":enum("present","absent"),"template":S,"encoding":S,"locale":S,
   "localeProvider":S,"localeCollate":S,"localeCType":S,"icuLocale":S,"icuRules":S,"builtinLocale":S,"collationVersion":S,
   "isTemplate":B,"allowConnections":B,"connectionLimit":I,"tablespace":S,"databaseReclaimPolicy":enum("delete","retain"),
   "schemas":arr(ANY),"extensions":arr(ANY)},["cluster","name","owner"])
scheduledSpec=obj({"schedule":S,"cluster":localRef,"suspend":B,"immediate":B,"backupOwnerReference":enum("none","self","cluster"),
   "target":enum("primary","prefer-standby"),"method":enum("barmanObjectStore","volumeSnapshot","plugin"),"pluginConfiguration":ANY,
   "online":B,"onlineConfiguration":ANY},["schedule","cluster"])
write("cloudnative-pg.json",
 "CloudNativePG 1.27 CRDs (postgresql.cnpg.io/v1: clusters, poolers, databases, scheduledbackups; config/crd/bases in the operator's "
 "repository), reduced by hand as strimzi.json is: the properties of every level we reach, enums as upstream, Kubernetes types "
 "from kubernetes.json (a Pooler's template is a PodTemplateSpec).",
 {"postgresql.cnpg.io/v1/Cluster":kind(clusterSpec),"postgresql.cnpg.io/v1/Pooler":kind(poolerSpec),
  "postgresql.cnpg.io/v1/Database":kind(databaseSpec),"postgresql.cnpg.io/v1/ScheduledBackup":kind(scheduledSpec)},{})

# ---------------- KEDA ----------------
trigger=obj({"type":S,"name":S,"metadata":MAPS,"authenticationRef":obj({"name":S,"kind":enum("TriggerAuthentication","ClusterTriggerAuthentication")},["name"]),
   "metricType":enum("AverageValue","Value","Utilization"),"useCachedMetrics":B},["type","metadata"])
scaledObjectSpec=obj({"scaleTargetRef":obj({"apiVersion":S,"kind":S,"name":S,"envSourceContainerName":S},["name"]),
   "pollingInterval":I,"cooldownPeriod":I,"initialCooldownPeriod":I,"idleReplicaCount":I,"minReplicaCount":I,"maxReplicaCount":I,
   "advanced":obj({"horizontalPodAutoscalerConfig":obj({"name":S,"behavior":k8s("autoscaling.v2.HorizontalPodAutoscalerBehavior")}),
      "restoreToOriginalReplicaCount":B,"scalingModifiers":ANY}),
   "fallback":obj({"failureThreshold":I,"replicas":I,"behavior":S}),"triggers":arr(trigger)},["scaleTargetRef","triggers"])
triggerAuthSpec=obj({"secretTargetRef":arr(obj({"parameter":S,"name":S,"key":S},["parameter","name","key"])),
   "env":arr(obj({"parameter":S,"name":S,"containerName":S},["parameter","name"])),
   "configMapTargetRef":arr(obj({"parameter":S,"name":S,"key":S},["parameter","name","key"])),
   "hashiCorpVault":ANY,"azureKeyVault":ANY,"awsSecretManager":ANY,"gcpSecretManager":ANY,"podIdentity":ANY,"boundServiceAccountToken":ANY})
write("keda.json",
 "KEDA 2.17 CRDs (keda.sh/v1alpha1: scaledobjects, triggerauthentications; config/crd/bases in KEDA's repository), reduced by hand "
 "as strimzi.json is.",
 {"keda.sh/v1alpha1/ScaledObject":kind(scaledObjectSpec),"keda.sh/v1alpha1/TriggerAuthentication":kind(triggerAuthSpec)},{})

# ---------------- Prometheus Operator ----------------
relabel=obj({"sourceLabels":arr(S),"separator":S,"targetLabel":S,"regex":S,"modulus":I,"replacement":S,
   "action":enum("replace","Replace","keep","Keep","drop","Drop","hashmod","HashMod","labelmap","LabelMap","labeldrop","LabelDrop",
                 "labelkeep","LabelKeep","lowercase","Lowercase","uppercase","Uppercase","keepequal","KeepEqual","dropequal","DropEqual")})
endpoint=obj({"port":S,"portNumber":I,"targetPort":IOS,"path":S,"scheme":enum("http","https","HTTP","HTTPS"),"params":ANY,
   "interval":S,"scrapeTimeout":S,"honorLabels":B,"honorTimestamps":B,"trackTimestampsStaleness":B,"relabelings":arr(relabel),
   "metricRelabelings":arr(relabel),"basicAuth":ANY,"bearerTokenSecret":ANY,"authorization":ANY,"oauth2":ANY,"tlsConfig":ANY,
   "followRedirects":B,"enableHttp2":B,"filterRunning":B,"proxyUrl":S})
podMonitorSpec=obj({"selector":k8s("LabelSelector"),"namespaceSelector":obj({"any":B,"matchNames":arr(S)}),"podMetricsEndpoints":arr(endpoint),
   "jobLabel":S,"podTargetLabels":arr(S),"sampleLimit":I,"targetLimit":I,"labelLimit":I,"labelNameLengthLimit":I,
   "labelValueLengthLimit":I,"keepDroppedTargets":I,"attachMetadata":obj({"node":B}),"scrapeClass":S,"scrapeProtocols":arr(S)},["selector"])
rule=obj({"alert":S,"record":S,"expr":IOS,"for":S,"keep_firing_for":S,"labels":MAPS,"annotations":MAPS},["expr"])
ruleSpec=obj({"groups":arr(obj({"name":S,"interval":S,"query_offset":S,"limit":I,"partial_response_strategy":S,"labels":MAPS,"rules":arr(rule)},["name"]))})
write("prometheus-operator.json",
 "Prometheus Operator 0.85 CRDs (monitoring.coreos.com/v1: podmonitors, prometheusrules; example/prometheus-operator-crd in its "
 "repository), reduced by hand as strimzi.json is.",
 {"monitoring.coreos.com/v1/PodMonitor":kind(podMonitorSpec,status=False),"monitoring.coreos.com/v1/PrometheusRule":kind(ruleSpec,status=False)},{})
print("ok")
