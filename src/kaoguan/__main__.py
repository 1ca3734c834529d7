from kaoguan.cli import main

main()
